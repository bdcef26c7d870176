import {
  CloudSyncOutlined,
  FileOutlined,
  FilePdfOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import { Flex, Spin, Tooltip, theme } from "antd";
import { type ReactNode, useMemo, useState } from "react";
import { useI18n } from "../../../i18n/i18n-context";
import { ScanLoadError } from "./scan-fetch";
import { orderScans, type Scan, scanKind } from "./scan-order";
import { ScanViewerModal } from "./scan-viewer";
import { useObjectUrl, useScanBytes } from "./use-scan";

const SIZE = 56;

/** A material's scans as small tiles in page order; a tile opens the viewer at that scan. */
export function ScanThumbs(props: { scans: readonly Scan[]; materialName: string }) {
  const { t } = useI18n();
  const scans = useMemo(() => orderScans(props.scans), [props.scans]);
  const [open, setOpen] = useState<number | null>(null);
  if (scans.length === 0) return null;
  return (
    <>
      <Flex gap={6} wrap>
        {scans.map((s, i) => (
          <Thumb key={s.hash} scan={s} onOpen={() => setOpen(i)} />
        ))}
      </Flex>
      <ScanViewerModal
        open={open !== null}
        title={t("scan.title", { name: props.materialName })}
        scans={scans}
        start={open ?? 0}
        onClose={() => setOpen(null)}
      />
    </>
  );
}

function Thumb({ scan, onOpen }: { scan: Scan; onOpen: () => void }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const kind = scanKind(scan.mime);
  const bytes = useScanBytes(scan);
  const url = useObjectUrl(kind === "image" ? bytes.data : undefined);
  const notSynced = bytes.error instanceof ScanLoadError && bytes.error.problem === "not_synced";
  let face: ReactNode;
  if (bytes.isPending) face = <Spin size="small" />;
  else if (notSynced)
    face = <CloudSyncOutlined style={{ fontSize: 20, color: token.colorWarning }} />;
  else if (bytes.isError)
    face = <WarningOutlined style={{ fontSize: 20, color: token.colorError }} />;
  else if (url)
    face = (
      <img
        src={url}
        alt={scan.name}
        style={{ width: "100%", height: "100%", objectFit: "cover" }}
      />
    );
  else if (kind === "pdf")
    face = <FilePdfOutlined style={{ fontSize: 24, color: token.colorError }} />;
  else face = <FileOutlined style={{ fontSize: 22 }} />;
  const tip = notSynced ? `${scan.name}：${t("scan.notSynced")}` : scan.name;
  return (
    <Tooltip title={tip}>
      <button
        type="button"
        onClick={onOpen}
        aria-label={`${t("scan.open")}：${scan.name}`}
        style={{
          width: SIZE,
          height: SIZE,
          padding: 0,
          overflow: "hidden",
          cursor: "pointer",
          display: "flex",
          alignItems: "center",
          justifyContent: "center",
          border: `1px solid ${notSynced ? token.colorWarningBorder : token.colorBorder}`,
          borderRadius: token.borderRadiusSM,
          background: token.colorFillQuaternary,
        }}
      >
        {face}
      </button>
    </Tooltip>
  );
}
