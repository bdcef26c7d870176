// Diagnostic preload (BENCH_HUB_NODE_OPTIONS / BENCH_STATION_NODE_OPTIONS="--import=<this file>"):
// profiles the process's main thread from start to exit and writes
// <BENCH_PROF_DIR>/<pid>.cpuprofile (open it in Chrome DevTools).
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";

const dir = process.env.BENCH_PROF_DIR;
if (dir) {
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  session.post("Profiler.start");
  // The in-process inspector session answers synchronously, so this works inside "exit".
  process.on("exit", () => {
    session.post("Profiler.stop", (err, res) => {
      if (!err) writeFileSync(`${dir}/${process.pid}.cpuprofile`, JSON.stringify(res.profile));
    });
  });
}
