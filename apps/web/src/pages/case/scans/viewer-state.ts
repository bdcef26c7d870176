import type { ScanKind } from "./scan-order";

/** The viewer's zoom steps: ×1.25 each, between a quarter and five times the fitted size. */
export const ZOOM_MIN = 0.25;
export const ZOOM_MAX = 5;
const ZOOM_STEP = 1.25;

const clampZoom = (z: number) => Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, Math.round(z * 100) / 100));

export function zoomIn(z: number): number {
  return clampZoom(z * ZOOM_STEP);
}

export function zoomOut(z: number): number {
  return clampZoom(z / ZOOM_STEP);
}

/** A quarter turn clockwise: 0 → 90 → 180 → 270 → 0. */
export function rotateRight(degrees: number): number {
  return (((degrees + 90) % 360) + 360) % 360;
}

/**
 * The scale at which the whole page shows in the box, turned by `rotation` (a quarter turn
 * swaps width and height). Never more than twice the natural size: a small photo blown up
 * shows nothing more.
 */
export function fitScale(
  natural: { width: number; height: number },
  box: { width: number; height: number },
  rotation: number,
): number {
  if (natural.width <= 0 || natural.height <= 0 || box.width <= 0 || box.height <= 0) return 1;
  const turned = rotation % 180 !== 0;
  const w = turned ? natural.height : natural.width;
  const h = turned ? natural.width : natural.height;
  return Math.min(2, box.width / w, box.height / h);
}

/** Where the viewer stands: which scan of the material, and the page within a PDF (1-based). */
export interface ViewerPos {
  scan: number;
  pdfPage: number;
}

/** What the viewer knows of each scan: its kind, and a PDF's page count once loaded. */
export interface ScanPages {
  kind: ScanKind;
  pages?: number;
}

/**
 * One step of ←/→: through a PDF's pages first, then on to the next scan (entering a PDF
 * backwards at its last page when known). Stops at either end.
 */
export function stepPage(pos: ViewerPos, dir: 1 | -1, scans: readonly ScanPages[]): ViewerPos {
  const here = scans[pos.scan];
  if (here?.kind === "pdf" && here.pages !== undefined) {
    const page = pos.pdfPage + dir;
    if (page >= 1 && page <= here.pages) return { scan: pos.scan, pdfPage: page };
  }
  const scan = pos.scan + dir;
  const next = scans[scan];
  if (!next) return pos;
  const pdfPage = dir < 0 && next.kind === "pdf" && next.pages !== undefined ? next.pages : 1;
  return { scan, pdfPage };
}

/** The step a key asks for: ← back, → forward, anything else nothing. */
export function keyStep(key: string): 1 | -1 | null {
  if (key === "ArrowRight") return 1;
  if (key === "ArrowLeft") return -1;
  return null;
}
