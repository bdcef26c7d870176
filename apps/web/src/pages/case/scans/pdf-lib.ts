import {
  GlobalWorkerOptions,
  getDocument,
  type PDFDocumentLoadingTask,
  type PDFDocumentProxy,
} from "pdfjs-dist";
// The worker is a file of our own origin (CSP worker-src 'self'), emitted by Vite's build.
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Starts opening a PDF from its bytes; `destroy()` on the task ends it and its worker.
 * Loaded on demand (the case page imports this module only when a PDF is shown): pdf.js is
 * large, and most scans are images.
 */
export function openPdf(bytes: ArrayBuffer): PDFDocumentLoadingTask {
  return getDocument({ data: new Uint8Array(bytes) });
}

export type { PDFDocumentProxy };
