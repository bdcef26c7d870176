/** The crop step's math, in the captured frame's own pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Size {
  width: number;
  height: number;
}

export type Corner = "nw" | "ne" | "sw" | "se";
export const CORNERS: readonly Corner[] = ["nw", "ne", "sw", "se"];

/** The starting crop: the frame less a small margin, so the corner handles are easy to grab. */
export function initialCrop(frame: Size, margin = 0.04): Rect {
  const dx = Math.round(frame.width * margin);
  const dy = Math.round(frame.height * margin);
  return { x: dx, y: dy, w: frame.width - 2 * dx, h: frame.height - 2 * dy };
}

export function cornerPoint(r: Rect, c: Corner): { x: number; y: number } {
  return { x: c.endsWith("w") ? r.x : r.x + r.w, y: c.startsWith("n") ? r.y : r.y + r.h };
}

/** The corner within `radius` of `p` (the nearest, if several), or null. */
export function cornerAt(r: Rect, p: { x: number; y: number }, radius: number): Corner | null {
  let best: Corner | null = null;
  let bestDist = radius;
  for (const c of CORNERS) {
    const q = cornerPoint(r, c);
    const d = Math.hypot(q.x - p.x, q.y - p.y);
    if (d <= bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

/**
 * The crop with `corner` dragged to `to`: the opposite corner stays, the dragged one stays
 * inside the frame and at least `minSize` from the opposite one (a corner never crosses over).
 */
export function dragCorner(
  r: Rect,
  corner: Corner,
  to: { x: number; y: number },
  frame: Size,
  minSize = 32,
): Rect {
  const west = corner.endsWith("w");
  const north = corner.startsWith("n");
  const fixedX = west ? r.x + r.w : r.x;
  const fixedY = north ? r.y + r.h : r.y;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const x = west ? clamp(to.x, 0, fixedX - minSize) : clamp(to.x, fixedX + minSize, frame.width);
  const y = north ? clamp(to.y, 0, fixedY - minSize) : clamp(to.y, fixedY + minSize, frame.height);
  return {
    x: Math.round(Math.min(x, fixedX)),
    y: Math.round(Math.min(y, fixedY)),
    w: Math.round(Math.abs(fixedX - x)),
    h: Math.round(Math.abs(fixedY - y)),
  };
}

/**
 * The saved page's size: the crop scaled down (never up) so its long side is at most
 * `maxLong` — about 240 dpi for an A4 page, readable and ~200–500 KB as JPEG.
 */
export function fitLongSide(size: Size, maxLong = 2000): Size {
  const scale = Math.min(1, maxLong / Math.max(size.width, size.height));
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

/** Scale that fits the frame inside the space on screen (never enlarging it). */
export function displayScale(frame: Size, space: Size): number {
  return Math.min(1, space.width / frame.width, space.height / frame.height);
}

/** JPEG quality of a saved page: text stays sharp, an A4 page stays a few hundred KB. */
export const JPEG_QUALITY = 0.85;
