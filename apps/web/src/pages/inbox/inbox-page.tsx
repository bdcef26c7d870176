import { Badge, Card, Flex, Tag, Typography } from "antd";
import { CaseTable } from "../../components/case-table";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { forwardTag, INBOX_SECTIONS, promiseTag } from "./inbox-view";
import { useInbox } from "./use-inbox";

/**
 * 待本站处理: what waits for this station — results to hand over here, 容缺 materials owed
 * (earliest first, overdue in red), and cases transferred here from elsewhere.
 */
export function InboxPage() {
  const { t } = useI18n();
  const inbox = useInbox();
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("inbox.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("inbox.hint")}</Typography.Text>
      </div>
      <QueryState query={inbox} isEmpty={(d) => d.counts.total === 0} empty={t("inbox.empty")}>
        {(d) =>
          INBOX_SECTIONS.map((s) => (
            <Card
              key={s.key}
              size="small"
              data-testid={`inbox-${s.key}`}
              title={
                <Flex gap={8} align="center">
                  {t(s.title)}
                  <Badge
                    count={d.counts[s.key]}
                    showZero
                    color={d.counts[s.key] ? undefined : "#d9d9d9"}
                  />
                </Flex>
              }
            >
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t(s.hint)}
              </Typography.Paragraph>
              {d[s.key].length === 0 ? (
                <Typography.Text type="secondary">{t("inbox.sectionEmpty")}</Typography.Text>
              ) : (
                <CaseTable
                  rows={d[s.key]}
                  extraColumns={
                    s.key === "promises"
                      ? [
                          {
                            title: t("inbox.promiseDue"),
                            key: "promiseDueOn",
                            render: (_: unknown, r) => {
                              const tag = promiseTag(r.promiseDueOn, d.today);
                              return tag ? (
                                <Tag color={tag.colour} data-overdue={tag.colour === "error"}>
                                  {t(tag.label, tag.params)}
                                </Tag>
                              ) : null;
                            },
                          },
                        ]
                      : s.key === "toForward"
                        ? [
                            {
                              title: t("inbox.forwardDue"),
                              key: "forwardDueOn",
                              render: (_: unknown, r) => {
                                const tag = forwardTag(r.forwardDueOn, d.today);
                                return tag ? (
                                  <Tag color={tag.colour} data-late={tag.colour === "error"}>
                                    {t(tag.label, tag.params)}
                                  </Tag>
                                ) : null;
                              },
                            },
                          ]
                        : []
                  }
                />
              )}
            </Card>
          ))
        }
      </QueryState>
    </Flex>
  );
}
