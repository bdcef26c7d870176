import { ClockCircleOutlined, PauseCircleOutlined, WarningOutlined } from "@ant-design/icons";
import { Alert, Card, Descriptions, Progress, Space, Typography } from "antd";
import type { CaseDetail } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { colourMeta } from "../../lib/deadline";
import { clockText, limitLines } from "./clock-text";

/**
 * 限时办结: working days left on the case's clock (the acceptance day not counted, holidays
 * and pauses skipped), in the warning colour; paused while waiting for a 补正 or in 特别程序.
 */
export function DeadlineClock({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const d = detail.deadline;
  const meta = colourMeta(d.colour);
  const limit = Math.max(1, detail.item.promisedDays);
  const left = d.workdaysLeft ?? 0;
  const running = d.state === "running" || d.state === "paused";
  const percent = running ? Math.max(0, Math.min(100, (left / limit) * 100)) : 100;
  const text = clockText(d, t);
  const legal = detail.legalDeadline;
  const lines = limitLines(
    { ...d, days: detail.item.promisedDays },
    legal && detail.item.legalDays !== null ? { ...legal, days: detail.item.legalDays } : null,
    t,
  );
  return (
    <Card size="small" title={t("clock.title")} data-testid="deadline-clock" data-colour={d.colour}>
      <Space align="center" size="large">
        <Progress
          type="dashboard"
          size={120}
          percent={percent}
          strokeColor={meta.hex}
          format={() => (
            <span style={{ color: meta.hex }}>
              {running ? (
                <>
                  <div style={{ fontSize: 30, fontWeight: 600 }}>{left}</div>
                  <div style={{ fontSize: 12 }}>{t("clock.workdaysLeftUnit")}</div>
                </>
              ) : (
                <ClockCircleOutlined />
              )}
            </span>
          )}
        />
        <Space orientation="vertical" size={2}>
          <Typography.Text strong style={{ color: meta.hex, fontSize: 16 }}>
            {d.state === "paused" && <PauseCircleOutlined style={{ marginInlineEnd: 6 }} />}
            {d.overdue && <WarningOutlined style={{ marginInlineEnd: 6 }} />}
            {text.headline}
          </Typography.Text>
          {text.due && <Typography.Text>{text.due}</Typography.Text>}
          {text.detail && <Typography.Text type="secondary">{text.detail}</Typography.Text>}
        </Space>
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginTop: 12 }}
        data-testid="deadline-limits"
        items={lines.map((l) => ({
          key: l.label,
          label: l.label,
          children: (
            <Typography.Text type={l.late ? "danger" : undefined}>
              {l.limit} · {l.due}
            </Typography.Text>
          ),
        }))}
      />
      {d.calendarUncertain && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t("clock.uncertain")} />
      )}
    </Card>
  );
}
