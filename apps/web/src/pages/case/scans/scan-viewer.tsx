import {
  CompressOutlined,
  DownloadOutlined,
  LeftOutlined,
  RightOutlined,
  RotateRightOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
} from "@ant-design/icons";
import { Button, Empty, Flex, Modal, Result, Spin, Tooltip, Typography } from "antd";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useI18n } from "../../../i18n/i18n-context";
import { attachmentUrl } from "../../../lib/upload";
import { ImageView } from "./image-view";
import { PdfView } from "./pdf-view";
import { orderScans, type Scan, scanKind } from "./scan-order";
import { ScanProblemNote } from "./scan-problem";
import { useScanBytes } from "./use-scan";
import { keyStep, rotateRight, stepPage, type ViewerPos, zoomIn, zoomOut } from "./viewer-state";

/**
 * One material's scans, one at a time: images with zoom, fit and quarter turns, PDFs page by
 * page; ←/→ (or the arrows) turn pages. Scans are shown in their page order.
 */
export function ScanViewer(props: {
  scans: readonly Scan[];
  height: number | string;
  /** Index (in page order) of the scan to open at. */
  start?: number;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const scans = useMemo(() => orderScans(props.scans), [props.scans]);
  const [pos, setPos] = useState<ViewerPos>({ scan: props.start ?? 0, pdfPage: 1 });
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);
  const [pages, setPages] = useState<Record<string, number>>({});
  const root = useRef<HTMLDivElement>(null);
  const scan = scans[pos.scan] ?? scans[0];

  useEffect(() => {
    if (props.autoFocus) root.current?.focus();
  }, [props.autoFocus]);

  const layout = scans.map((s) => ({ kind: scanKind(s.mime), pages: pages[s.hash] }));
  const go = (dir: 1 | -1) => {
    const next = stepPage(pos, dir, layout);
    if (next.scan !== pos.scan) {
      setZoom(1);
      setRotation(0);
    }
    setPos(next);
  };
  const hash = scan?.hash;
  const onPages = useCallback(
    (n: number) => {
      if (hash) setPages((p) => (p[hash] === n ? p : { ...p, [hash]: n }));
    },
    [hash],
  );

  if (!scan) return <Empty description={t("scan.none")} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const kind = scanKind(scan.mime);
  const pdfPages = pages[scan.hash];
  const atStart = pos.scan === 0 && (kind !== "pdf" || pos.pdfPage <= 1);
  const atEnd =
    pos.scan === scans.length - 1 &&
    (kind !== "pdf" || pdfPages === undefined || pos.pdfPage >= pdfPages);

  return (
    <div
      ref={root}
      role="application"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard widget: it takes ←/→ while focused
      tabIndex={0}
      aria-label={scan.name}
      onKeyDown={(e) => {
        const dir = keyStep(e.key);
        if (dir) {
          e.preventDefault();
          go(dir);
        }
      }}
      style={{ outline: "none" }}
    >
      <Flex align="center" gap={4} wrap style={{ marginBottom: 8 }}>
        <Tool
          title={t("scan.prev")}
          icon={<LeftOutlined />}
          disabled={atStart}
          onClick={() => go(-1)}
        />
        <Typography.Text style={{ minWidth: 88, textAlign: "center" }}>
          {t("scan.scanOf", { n: pos.scan + 1, total: scans.length })}
        </Typography.Text>
        <Tool
          title={t("scan.next")}
          icon={<RightOutlined />}
          disabled={atEnd}
          onClick={() => go(1)}
        />
        {kind === "pdf" && pdfPages !== undefined && (
          <Typography.Text type="secondary">
            {t("scan.pageOf", { n: pos.pdfPage, total: pdfPages })}
          </Typography.Text>
        )}
        <Typography.Text
          ellipsis
          style={{ flex: 1, minWidth: 80, marginInline: 8 }}
          title={scan.name}
        >
          {scan.name}
        </Typography.Text>
        {kind !== "other" && (
          <>
            <Tool
              title={t("scan.zoomOut")}
              icon={<ZoomOutOutlined />}
              onClick={() => setZoom(zoomOut)}
            />
            <Typography.Text type="secondary" style={{ width: 44, textAlign: "center" }}>
              {Math.round(zoom * 100)}%
            </Typography.Text>
            <Tool
              title={t("scan.zoomIn")}
              icon={<ZoomInOutlined />}
              onClick={() => setZoom(zoomIn)}
            />
            <Tool title={t("scan.fit")} icon={<CompressOutlined />} onClick={() => setZoom(1)} />
            <Tool
              title={t("scan.rotate")}
              icon={<RotateRightOutlined />}
              onClick={() => setRotation(rotateRight)}
            />
          </>
        )}
        <Tooltip title={t("scan.download")}>
          <Button
            size="small"
            type="text"
            icon={<DownloadOutlined />}
            href={attachmentUrl(scan.hash)}
            download={scan.name}
            aria-label={t("scan.download")}
          />
        </Tooltip>
      </Flex>
      <div
        style={{ height: props.height, background: "#f0f2f5", borderRadius: 6, overflow: "hidden" }}
      >
        <ScanBody
          key={scan.hash}
          scan={scan}
          page={pos.pdfPage}
          zoom={zoom}
          rotation={rotation}
          onPages={onPages}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("scan.keys")}
      </Typography.Text>
    </div>
  );
}

function Tool(props: { title: string; icon: ReactNode; onClick: () => void; disabled?: boolean }) {
  return (
    <Tooltip title={props.title}>
      <Button
        size="small"
        type="text"
        icon={props.icon}
        disabled={props.disabled}
        onClick={props.onClick}
        aria-label={props.title}
      />
    </Tooltip>
  );
}

/** The scan's bytes, then the view for its kind; or why they are not here. */
function ScanBody(props: {
  scan: Scan;
  page: number;
  zoom: number;
  rotation: number;
  onPages: (n: number) => void;
}) {
  const { t } = useI18n();
  const bytes = useScanBytes(props.scan);
  let body: ReactNode;
  if (bytes.isPending) body = <Spin description={t("scan.loading")} />;
  else if (bytes.isError)
    body = <ScanProblemNote error={bytes.error} onRetry={() => void bytes.refetch()} />;
  else if (scanKind(props.scan.mime) === "image")
    return (
      <ImageView
        blob={bytes.data}
        alt={props.scan.name}
        zoom={props.zoom}
        rotation={props.rotation}
      />
    );
  else if (scanKind(props.scan.mime) === "pdf")
    return (
      <PdfView
        blob={bytes.data}
        page={props.page}
        zoom={props.zoom}
        rotation={props.rotation}
        onPages={props.onPages}
      />
    );
  else
    body = (
      <Result
        status="info"
        subTitle={t("scan.otherKind")}
        extra={
          <Button href={attachmentUrl(props.scan.hash)} icon={<DownloadOutlined />}>
            {t("scan.download")}
          </Button>
        }
      />
    );
  return (
    <Flex align="center" justify="center" style={{ height: "100%", padding: 16 }}>
      {body}
    </Flex>
  );
}

/** The viewer in a dialog, opened from a thumbnail. */
export function ScanViewerModal(props: {
  open: boolean;
  title: string;
  scans: readonly Scan[];
  start: number;
  onClose: () => void;
}) {
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      footer={null}
      width="min(1100px, 96vw)"
      destroyOnHidden
      centered
    >
      <ScanViewer
        key={props.start}
        scans={props.scans}
        start={props.start}
        height="70vh"
        autoFocus
      />
    </Modal>
  );
}
