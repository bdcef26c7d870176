/**
 * Many byte strings bound to one statement as a single blob, each found in it by where it
 * starts (1-based, for SQLite's `substr`) and its length: a statement of constant text that the
 * driver takes one buffer for, instead of a parameter and a buffer a row (a multi-row VALUES
 * binding a blob a row is compiled anew each time: the statement cache does not keep a
 * statement given bytes).
 *
 * When every part is a view of one buffer (a frame's changes, as decoded), the blob is the
 * region of that buffer they lie in, no byte copied; else the parts joined into a new one.
 */
export function byteRegion(parts: readonly Uint8Array[]): {
  blob: Uint8Array;
  at: (i: number) => [start: number, length: number];
} {
  const buffer = parts[0]?.buffer;
  if (buffer && parts.every((v) => v.buffer === buffer)) {
    let from = Number.POSITIVE_INFINITY;
    let to = 0;
    for (const v of parts) {
      from = Math.min(from, v.byteOffset);
      to = Math.max(to, v.byteOffset + v.byteLength);
    }
    return {
      blob: new Uint8Array(buffer, from, to - from),
      at: (i) => {
        const v = parts[i] as Uint8Array;
        return [v.byteOffset - from + 1, v.byteLength];
      },
    };
  }
  const blob = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  const starts: number[] = [];
  let at = 0;
  for (const p of parts) {
    blob.set(p, at);
    starts.push(at + 1);
    at += p.byteLength;
  }
  return { blob, at: (i) => [starts[i] as number, (parts[i] as Uint8Array).byteLength] };
}
