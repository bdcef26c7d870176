import { useQuery } from "@tanstack/react-query";
import { Card, Flex, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { Link } from "react-router";
import type { QueryOutput } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import { CursorPager } from "../../components/kit/cursor-pager";
import { PageHeader } from "../../components/kit/page-header";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { useCursorPages } from "../../lib/use-cursor-pages";
import { templateTag } from "./sms-log-view";

type SmsRow = QueryOutput<"sms.log">["rows"][number];

/**
 * 短信通知记录 (the node's leads): the texts the time rules would have sent residents. No SMS
 * provider is wired; this log is what a provider would be given, phones masked.
 */
export function SmsLogPage() {
  const { t } = useI18n();
  const pages = useCursorPages<{ sentAt: string; id: string }>();
  const log = useQuery({
    ...trpcQuery("sms.log", { limit: 50, ...(pages.before ? { before: pages.before } : {}) }),
    refetchInterval: 60_000,
  });
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t("smsLog.title")} subtitle={t("smsLog.hint")} />
      <Card size="small">
        <QueryState
          query={log}
          isEmpty={(d) => d.rows.length === 0 && pages.depth === 0}
          empty={t("smsLog.empty")}
        >
          {(d) => (
            <Flex vertical gap={8}>
              <Table<SmsRow>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.rows}
                data-testid="sms-log-table"
                columns={[
                  {
                    title: t("smsLog.col.sentAt"),
                    dataIndex: "sentAt",
                    width: 140,
                    render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm"),
                  },
                  {
                    title: t("smsLog.col.template"),
                    key: "template",
                    width: 120,
                    render: (_, r) => {
                      const tag = templateTag(r.template);
                      return <Tag color={tag.colour}>{tag.label ? t(tag.label) : r.template}</Tag>;
                    },
                  },
                  {
                    title: t("smsLog.col.case"),
                    key: "case",
                    width: 220,
                    render: (_, r) => <Link to={`/cases/${r.caseId}`}>{r.caseNumber}</Link>,
                  },
                  { title: t("smsLog.col.phone"), dataIndex: "phoneMasked", width: 120 },
                  {
                    title: t("smsLog.col.text"),
                    dataIndex: "text",
                    render: (v: string) => <Typography.Text>{v}</Typography.Text>,
                  },
                  { title: t("smsLog.col.firesOn"), dataIndex: "firesOn", width: 100 },
                ]}
              />
              <CursorPager
                depth={pages.depth}
                next={d.next}
                onNewer={pages.reset}
                onOlder={pages.older}
                newerLabel={t("smsLog.newest")}
                olderLabel={t("smsLog.older")}
              />
            </Flex>
          )}
        </QueryState>
      </Card>
    </Flex>
  );
}
