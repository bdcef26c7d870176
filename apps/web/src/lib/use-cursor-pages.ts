import { useState } from "react";

/**
 * Paging through a list newest first by cursor: `before` is the cursor of the page shown
 * (undefined: the newest), `older(next)` goes one page back in time, `newer()` one forward.
 */
export function useCursorPages<C>() {
  const [stack, setStack] = useState<C[]>([]);
  return {
    before: stack.at(-1),
    /** Pages older than the newest one: 0 on the first page. */
    depth: stack.length,
    older: (next: C) => setStack((s) => [...s, next]),
    newer: () => setStack((s) => s.slice(0, -1)),
    reset: () => setStack([]),
  };
}
