import { useEffect, useRef } from "react";
import {
  CORNERS,
  type Corner,
  cornerAt,
  cornerPoint,
  displayScale,
  dragCorner,
  type Rect,
} from "./capture-geometry";

/** Screen pixels around a corner that grab it (a finger on a touch screen needs this much). */
const GRAB_PX = 24;

/**
 * The captured frame with the crop rectangle over it: four corner handles to drag with mouse,
 * pen or finger. Coordinates are the frame's own pixels; the canvas shows it scaled to fit.
 */
export function CropCanvas({
  frame,
  crop,
  onChange,
  maxWidth,
  maxHeight,
}: {
  frame: HTMLCanvasElement;
  crop: Rect;
  onChange: (r: Rect) => void;
  maxWidth: number;
  maxHeight: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const dragging = useRef<Corner | null>(null);
  const size = { width: frame.width, height: frame.height };
  const scale = displayScale(size, { width: maxWidth, height: maxHeight });

  useEffect(() => {
    const canvas = ref.current;
    const g = canvas?.getContext("2d");
    if (!canvas || !g) return;
    canvas.width = Math.round(frame.width * scale);
    canvas.height = Math.round(frame.height * scale);
    g.drawImage(frame, 0, 0, canvas.width, canvas.height);
    const r = { x: crop.x * scale, y: crop.y * scale, w: crop.w * scale, h: crop.h * scale };
    // Dim what will be cut away, so the page that stays stands out.
    g.fillStyle = "rgba(0, 0, 0, 0.45)";
    g.fillRect(0, 0, canvas.width, r.y);
    g.fillRect(0, r.y + r.h, canvas.width, canvas.height - r.y - r.h);
    g.fillRect(0, r.y, r.x, r.h);
    g.fillRect(r.x + r.w, r.y, canvas.width - r.x - r.w, r.h);
    g.strokeStyle = "#1677ff";
    g.lineWidth = 2;
    g.strokeRect(r.x, r.y, r.w, r.h);
    g.fillStyle = "#ffffff";
    for (const c of CORNERS) {
      const p = cornerPoint(r, c);
      g.beginPath();
      g.arc(p.x, p.y, 8, 0, Math.PI * 2);
      g.fill();
      g.stroke();
    }
  }, [frame, crop, scale]);

  const toFrame = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: (e.clientX - box.left) / scale, y: (e.clientY - box.top) / scale };
  };

  return (
    <canvas
      ref={ref}
      data-testid="crop-canvas"
      style={{ display: "block", margin: "0 auto", touchAction: "none", cursor: "crosshair" }}
      onPointerDown={(e) => {
        dragging.current = cornerAt(crop, toFrame(e), GRAB_PX / scale);
        if (dragging.current) e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (dragging.current) onChange(dragCorner(crop, dragging.current, toFrame(e), size));
      }}
      onPointerUp={() => {
        dragging.current = null;
      }}
    />
  );
}
