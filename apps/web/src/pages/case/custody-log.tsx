import { Card, Table } from "antd";
import dayjs from "dayjs";
import type { CaseDetail } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { handoffKey } from "../../lib/labels";
import { useSiteName } from "../../lib/sites";

type Handoff = CaseDetail["handoffs"][number];

/** 流转记录: where the case (and its paper file) went, who sent it, and why. */
export function CustodyLog({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const site = useSiteName();
  return (
    <Card size="small" title={t("case.custody")}>
      <Table<Handoff>
        size="small"
        rowKey="eventId"
        pagination={false}
        dataSource={detail.handoffs}
        locale={{ emptyText: t("case.custodyEmpty") }}
        columns={[
          {
            title: t("custody.at"),
            dataIndex: "at",
            render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm"),
          },
          {
            title: t("custody.kind"),
            dataIndex: "kind",
            render: (k: Handoff["kind"]) => t(handoffKey[k]),
          },
          {
            title: t("custody.from"),
            dataIndex: "fromSiteId",
            render: (v: string | null) => site(v),
          },
          { title: t("custody.to"), dataIndex: "toSiteId", render: (v: string | null) => site(v) },
          { title: t("custody.by"), dataIndex: "bySiteId", render: (v: string) => site(v) },
          { title: t("custody.reason"), dataIndex: "reason", render: (v?: string) => v ?? "—" },
        ]}
      />
    </Card>
  );
}
