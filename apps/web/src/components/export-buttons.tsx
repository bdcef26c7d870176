import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Space } from "antd";
import { useState } from "react";
import { errorText } from "../api/errors";
import { useI18n } from "../i18n/i18n-context";
import { downloadExport, type ExportFormat, type ExportKind } from "../lib/export-file";

/**
 * 导出 Excel / CSV of what the screen shows, with the screen's filters. The server masks as on
 * screen, bounds the rows and writes the audit line; a refusal (too many rows, no right) is
 * shown as its message.
 */
export function ExportButtons(props: { kind: ExportKind; filters: Record<string, unknown> }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const r = await downloadExport(props.kind, format, props.filters);
      void message.success(t("export.done", { rows: r.rows }));
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space.Compact>
      <Button
        icon={<DownloadOutlined />}
        loading={busy === "xlsx"}
        disabled={busy !== null}
        onClick={() => void run("xlsx")}
        data-testid={`export-${props.kind}-xlsx`}
      >
        {t("export.excel")}
      </Button>
      <Button
        loading={busy === "csv"}
        disabled={busy !== null}
        onClick={() => void run("csv")}
        data-testid={`export-${props.kind}-csv`}
      >
        {t("export.csv")}
      </Button>
    </Space.Compact>
  );
}
