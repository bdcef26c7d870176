import { PlusOutlined, PrinterOutlined } from "@ant-design/icons";
import { Button, Result, Space } from "antd";
import { useNavigate } from "react-router";
import { useI18n } from "../../i18n/i18n-context";
import { openPrint } from "../../lib/print";
import type { CreatedCase, IntakeDraft } from "./use-intake-draft";

interface Props {
  created: CreatedCase;
  result: NonNullable<IntakeDraft["result"]>;
  onNew: () => void;
}

/** Step 6: what happened, and the papers to print for the resident. */
export function ResultStep({ created, result, onNew }: Props) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = created.caseId;
  const papers =
    result.outcome === "notice"
      ? [
          {
            key: "notice",
            label: t("print.oneTimeNotice"),
            go: () => openPrint("one-time-notice", id, result.noticeId ?? undefined),
          },
        ]
      : result.outcome === "deferred"
        ? [
            { key: "receipt", label: t("print.receipt"), go: () => openPrint("receipt", id) },
            {
              key: "commitment",
              label: t("print.deferredCommitment"),
              go: () => openPrint("deferred-commitment", id),
            },
            {
              key: "deferred",
              label: t("print.deferredNotice"),
              go: () => openPrint("deferred-notice", id),
            },
          ]
        : [{ key: "receipt", label: t("print.receipt"), go: () => openPrint("receipt", id) }];
  return (
    <Result
      status={result.outcome === "notice" ? "warning" : "success"}
      title={t(`intake.result.${result.outcome}`)}
      subTitle={t("intake.result.number", { number: created.caseNumber })}
      extra={
        <Space orientation="vertical" size="middle">
          <Space wrap style={{ justifyContent: "center" }}>
            {papers.map((p, i) => (
              <Button
                key={p.key}
                type={i === 0 ? "primary" : "default"}
                size="large"
                icon={<PrinterOutlined />}
                onClick={p.go}
                autoFocus={i === 0}
              >
                {p.label}
              </Button>
            ))}
          </Space>
          <Space wrap style={{ justifyContent: "center" }}>
            <Button onClick={() => navigate(`/cases/${id}`)}>{t("intake.result.open")}</Button>
            <Button icon={<PlusOutlined />} onClick={onNew}>
              {t("intake.result.new")}
            </Button>
          </Space>
        </Space>
      }
    />
  );
}
