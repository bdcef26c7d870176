import { describe, expect, it } from "vitest";
import { cornerAt, displayScale, dragCorner, fitLongSide, initialCrop } from "./capture-geometry";

const frame = { width: 1920, height: 1080 };

describe("crop rectangle", () => {
  it("starts as the frame less a small margin", () => {
    expect(initialCrop(frame)).toEqual({ x: 77, y: 43, w: 1766, h: 994 });
  });

  it("finds the corner under the pointer, the nearest one within the radius", () => {
    const r = { x: 100, y: 100, w: 400, h: 300 };
    expect(cornerAt(r, { x: 105, y: 95 }, 20)).toBe("nw");
    expect(cornerAt(r, { x: 498, y: 402 }, 20)).toBe("se");
    expect(cornerAt(r, { x: 300, y: 250 }, 20)).toBeNull();
    // A tiny rectangle: both corners in reach, the nearer wins.
    expect(cornerAt({ x: 0, y: 0, w: 10, h: 10 }, { x: 8, y: 1 }, 20)).toBe("ne");
  });

  it("dragging a corner moves it while the opposite corner stays", () => {
    const r = { x: 100, y: 100, w: 400, h: 300 };
    expect(dragCorner(r, "nw", { x: 50, y: 60 }, frame)).toEqual({ x: 50, y: 60, w: 450, h: 340 });
    expect(dragCorner(r, "se", { x: 800, y: 700 }, frame)).toEqual({
      x: 100,
      y: 100,
      w: 700,
      h: 600,
    });
    expect(dragCorner(r, "ne", { x: 600, y: 20 }, frame)).toEqual({
      x: 100,
      y: 20,
      w: 500,
      h: 380,
    });
    expect(dragCorner(r, "sw", { x: 0, y: 500 }, frame)).toEqual({ x: 0, y: 100, w: 500, h: 400 });
  });

  it("a corner stays inside the frame and never crosses the opposite one", () => {
    const r = { x: 100, y: 100, w: 400, h: 300 };
    expect(dragCorner(r, "nw", { x: -50, y: -10 }, frame)).toEqual({ x: 0, y: 0, w: 500, h: 400 });
    expect(dragCorner(r, "se", { x: 5000, y: 5000 }, frame)).toEqual({
      x: 100,
      y: 100,
      w: 1820,
      h: 980,
    });
    // Dragged past the opposite corner: it stops at the minimum size.
    expect(dragCorner(r, "nw", { x: 900, y: 900 }, frame, 32)).toEqual({
      x: 468,
      y: 368,
      w: 32,
      h: 32,
    });
  });
});

describe("scaling", () => {
  it("a saved page's long side is at most 2000 px, aspect kept, never enlarged", () => {
    expect(fitLongSide({ width: 2592, height: 1944 })).toEqual({ width: 2000, height: 1500 });
    expect(fitLongSide({ width: 1500, height: 3000 })).toEqual({ width: 1000, height: 2000 });
    expect(fitLongSide({ width: 800, height: 600 })).toEqual({ width: 800, height: 600 });
  });

  it("the frame fits the space on screen", () => {
    expect(displayScale({ width: 2000, height: 1000 }, { width: 800, height: 600 })).toBe(0.4);
    expect(displayScale({ width: 640, height: 480 }, { width: 800, height: 600 })).toBe(1);
  });
});
