/**
 * A small least-recently-used map; `onEvict` frees what an evicted value holds.
 *
 * Keys can be pinned while an operation uses their value: a pinned entry is never evicted
 * (the map may exceed its capacity until it is unpinned). Without this, loading the 201st
 * document of a batch would free a document the same batch is still using.
 */
export class Lru<K, V> {
  private map = new Map<K, V>();
  private pins = new Map<K, number>();

  constructor(
    private readonly capacity: number,
    private readonly onEvict: (value: V) => void = () => {},
  ) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  /** The value without touching its recency. */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    // Replacing a key does not evict: an Automerge change hands the old document's wasm
    // state to the new one, so freeing the old value would free the new.
    this.map.delete(key);
    this.map.set(key, value);
    this.trim();
  }

  delete(key: K): void {
    const v = this.map.get(key);
    if (v === undefined) return;
    this.map.delete(key);
    this.onEvict(v);
  }

  pin(key: K): void {
    this.pins.set(key, (this.pins.get(key) ?? 0) + 1);
  }

  unpin(key: K): void {
    const n = (this.pins.get(key) ?? 0) - 1;
    if (n > 0) this.pins.set(key, n);
    else this.pins.delete(key);
    this.trim();
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    for (const [k, v] of this.map) if (!this.pins.has(k)) this.onEvict(v);
    for (const k of [...this.map.keys()]) if (!this.pins.has(k)) this.map.delete(k);
  }

  private trim(): void {
    if (this.map.size <= this.capacity) return;
    for (const [k, v] of this.map) {
      if (this.map.size <= this.capacity) return;
      if (this.pins.has(k)) continue;
      this.map.delete(k);
      this.onEvict(v);
    }
  }
}
