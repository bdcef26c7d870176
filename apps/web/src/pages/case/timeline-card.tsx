import { closureOutcomeOf, timeRuleLabels } from "@bangban/domain";
import { Card, Empty, Tag, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import type { CaseDetail } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { eventKey } from "../../lib/labels";
import { roleName } from "../../lib/role-name";
import { useSiteName } from "../../lib/sites";
import { eventSummary } from "./event-summary";

/** 办理过程: every event on the case, oldest first; conflicts marked, raters anonymous. */
export function TimelineCard({ detail }: { detail: CaseDetail }) {
  const { t, lang } = useI18n();
  const site = useSiteName();
  if (detail.timeline.length === 0) return <Empty description={t("case.timelineEmpty")} />;
  return (
    <Card size="small" title={t("case.timeline")}>
      <Timeline
        items={detail.timeline.map((e) => ({
          key: e.id,
          color: e.conflict ? "red" : e.type === "complete" ? "green" : "blue",
          content: (
            <div>
              <Typography.Text strong>
                {t(
                  closureOutcomeOf(e) === "returned" ? "event.terminateReturned" : eventKey[e.type],
                )}
              </Typography.Text>
              {e.rule && (
                <Tag color="purple" style={{ marginInlineStart: 8 }}>
                  {t("event.byRule", {
                    rule: ruleName(e.rule.id, lang),
                    dueOn: e.rule.dueOn,
                  })}
                </Tag>
              )}
              {e.conflict && (
                <Tag color="error" style={{ marginInlineStart: 8 }}>
                  {t("case.conflictEvent")}
                </Tag>
              )}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {dayjs(e.at).format("YYYY-MM-DD HH:mm")} · {site(e.siteId)} ·{" "}
                  {roleName(e.actorRole, lang)}
                  {detail.people[e.actorId] ? ` ${detail.people[e.actorId]}` : ""}
                </Typography.Text>
              </div>
              {eventSummary(e, detail, t) && <div>{eventSummary(e, detail, t)}</div>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

function ruleName(id: string, lang: "zh" | "en"): string {
  const label = (timeRuleLabels as Record<string, { zh: string; en: string } | undefined>)[id];
  return label ? label[lang] : id;
}
