// Diagnostic preload (node --import, via `station-bench --probe`): prints the process's memory
// breakdown every second as a "[mem]" line: V8 heap, external memory, and the linear memory
// of every WebAssembly instance (Automerge's wasm), which process.memoryUsage() does not show.
import { getHeapCodeStatistics, getHeapStatistics } from "node:v8";

const memories = [];
const Instance = WebAssembly.Instance;
WebAssembly.Instance = class extends Instance {
  constructor(module, imports) {
    super(module, imports);
    if (this.exports.memory instanceof WebAssembly.Memory) memories.push(this.exports.memory);
  }
};

const mb = (n) => Math.round(n / 2 ** 20);
setInterval(() => {
  const m = process.memoryUsage();
  const h = getHeapStatistics();
  const c = getHeapCodeStatistics();
  const wasm = memories.reduce((n, mem) => n + mem.buffer.byteLength, 0);
  console.log(
    `[mem] rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} wasmMemory ${mb(wasm)} code+bytecode ${mb(c.code_and_metadata_size + c.bytecode_and_metadata_size)} malloced ${mb(h.malloced_memory)}`,
  );
}, 1000).unref();
