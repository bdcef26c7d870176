import { Alert, Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../../i18n/i18n-context";
import type { PDFDocumentProxy } from "./pdf-lib";
import { useBoxSize } from "./use-box-size";
import { fitScale } from "./viewer-state";

const PAD = 16;

/**
 * One page of a PDF scan on a canvas, fitted to the box, then zoomed and turned like an
 * image. pdf.js loads with the first PDF shown, not with the case page.
 */
export function PdfView(props: {
  blob: Blob;
  page: number;
  zoom: number;
  rotation: number;
  onPages: (n: number) => void;
}) {
  const { t } = useI18n();
  const { blob, onPages } = props;
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useBoxSize(box);

  useEffect(() => {
    let live = true;
    let task: { destroy: () => Promise<void> } | null = null;
    setDoc(null);
    setFailed(false);
    Promise.all([import("./pdf-lib"), blob.arrayBuffer()])
      .then(([lib, bytes]) => {
        if (!live) return null;
        const opening = lib.openPdf(bytes);
        task = opening;
        return opening.promise;
      })
      .then((d) => {
        if (!d || !live) return;
        setDoc(d);
        onPages(d.numPages);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      void task?.destroy();
    };
  }, [blob, onPages]);

  useEffect(() => {
    const el = canvas.current;
    if (!doc || !el || size.width === 0) return;
    let task: { cancel: () => void; promise: Promise<unknown> } | null = null;
    let live = true;
    void doc
      .getPage(Math.min(Math.max(1, props.page), doc.numPages))
      .then((page) => {
        if (!live) return;
        const upright = page.getViewport({ scale: 1 });
        const box = { width: size.width - 2 * PAD, height: size.height - 2 * PAD };
        const scale = fitScale(upright, box, props.rotation) * props.zoom;
        const viewport = page.getViewport({
          scale,
          rotation: (page.rotate + props.rotation) % 360,
        });
        const dpr = window.devicePixelRatio || 1;
        el.width = Math.floor(viewport.width * dpr);
        el.height = Math.floor(viewport.height * dpr);
        el.style.width = `${Math.floor(viewport.width)}px`;
        el.style.height = `${Math.floor(viewport.height)}px`;
        task = page.render({
          canvas: el,
          viewport,
          transform: dpr === 1 ? undefined : [dpr, 0, 0, dpr, 0, 0],
        });
        return task.promise;
      })
      .catch((e: unknown) => {
        // A render cancelled because the page, zoom or size changed is not a failure.
        if ((e as { name?: string } | null)?.name !== "RenderingCancelledException" && live)
          setFailed(true);
      });
    return () => {
      live = false;
      task?.cancel();
    };
  }, [doc, props.page, props.zoom, props.rotation, size.width, size.height]);

  if (failed) return <Alert type="error" showIcon title={t("scan.pdfError")} />;
  return (
    <div ref={box} style={{ width: "100%", height: "100%", overflow: "auto", padding: PAD }}>
      {!doc && (
        <Spin description={t("scan.pdfLoading")} style={{ display: "block", marginTop: 48 }} />
      )}
      <canvas
        ref={canvas}
        style={{
          display: doc ? "block" : "none",
          margin: "0 auto",
          boxShadow: "0 1px 4px rgba(0,0,0,.25)",
          background: "#fff",
        }}
      />
    </div>
  );
}
