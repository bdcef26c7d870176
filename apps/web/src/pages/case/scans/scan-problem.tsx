import { CloudSyncOutlined } from "@ant-design/icons";
import { Alert, Button, Result } from "antd";
import { useI18n } from "../../../i18n/i18n-context";
import { ScanLoadError } from "./scan-fetch";

/**
 * Why a scan is not shown: not on this node yet (a sentence saying it will come by itself),
 * not found, or a failure the person can retry.
 */
export function ScanProblemNote({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, lang } = useI18n();
  const e = error instanceof ScanLoadError ? error : null;
  if (e?.problem === "not_synced") {
    return (
      <Result
        icon={<CloudSyncOutlined />}
        title={t("scan.notSyncedShort")}
        subTitle={t("scan.notSynced")}
      />
    );
  }
  const detail = e ? e.api[lang] || e.api.zh : undefined;
  return (
    <Alert
      type={e?.problem === "not_found" ? "warning" : "error"}
      showIcon
      title={t(e?.problem === "not_found" ? "scan.notFound" : "scan.error")}
      description={detail}
      action={
        e?.problem === "not_found" ? undefined : (
          <Button size="small" onClick={onRetry}>
            {t("scan.retry")}
          </Button>
        )
      }
    />
  );
}
