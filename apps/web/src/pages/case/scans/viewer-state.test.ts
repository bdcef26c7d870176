import { describe, expect, it } from "vitest";
import {
  fitScale,
  keyStep,
  rotateRight,
  type ScanPages,
  stepPage,
  ZOOM_MAX,
  ZOOM_MIN,
  zoomIn,
  zoomOut,
} from "./viewer-state";

describe("the scan viewer", () => {
  it("zooms in and out by steps, within its bounds", () => {
    expect(zoomIn(1)).toBe(1.25);
    expect(zoomOut(1)).toBe(0.8);
    let z = 1;
    for (let i = 0; i < 30; i++) z = zoomIn(z);
    expect(z).toBe(ZOOM_MAX);
    for (let i = 0; i < 60; i++) z = zoomOut(z);
    expect(z).toBe(ZOOM_MIN);
  });

  it("turns a quarter at a time, back to upright after four", () => {
    expect([0, 90, 180, 270].map(rotateRight)).toEqual([90, 180, 270, 0]);
  });

  it("fits the whole page in the box, a quarter turn swapping width and height", () => {
    const a4 = { width: 2480, height: 3508 };
    const box = { width: 620, height: 877 };
    expect(fitScale(a4, box, 0)).toBeCloseTo(0.25, 3);
    expect(fitScale(a4, box, 90)).toBeCloseTo(620 / 3508, 5);
    expect(fitScale({ width: 100, height: 100 }, box, 0)).toBe(2);
    expect(fitScale({ width: 0, height: 0 }, box, 0)).toBe(1);
  });

  it("←/→ go through a PDF's pages, then on to the next scan, stopping at the ends", () => {
    const scans: ScanPages[] = [{ kind: "image" }, { kind: "pdf", pages: 3 }, { kind: "image" }];
    expect(stepPage({ scan: 0, pdfPage: 1 }, 1, scans)).toEqual({ scan: 1, pdfPage: 1 });
    expect(stepPage({ scan: 1, pdfPage: 1 }, 1, scans)).toEqual({ scan: 1, pdfPage: 2 });
    expect(stepPage({ scan: 1, pdfPage: 3 }, 1, scans)).toEqual({ scan: 2, pdfPage: 1 });
    expect(stepPage({ scan: 2, pdfPage: 1 }, -1, scans)).toEqual({ scan: 1, pdfPage: 3 });
    expect(stepPage({ scan: 1, pdfPage: 1 }, -1, scans)).toEqual({ scan: 0, pdfPage: 1 });
    expect(stepPage({ scan: 0, pdfPage: 1 }, -1, scans)).toEqual({ scan: 0, pdfPage: 1 });
    expect(stepPage({ scan: 2, pdfPage: 1 }, 1, scans)).toEqual({ scan: 2, pdfPage: 1 });
    // A PDF not loaded yet has no known pages: the step moves on to the next scan.
    expect(stepPage({ scan: 0, pdfPage: 1 }, 1, [{ kind: "pdf" }, { kind: "image" }])).toEqual({
      scan: 1,
      pdfPage: 1,
    });
    expect(keyStep("ArrowRight")).toBe(1);
    expect(keyStep("ArrowLeft")).toBe(-1);
    expect(keyStep("Enter")).toBeNull();
  });
});
