import type { TablePaginationConfig, TableProps } from "antd";
import { Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { Link, useNavigate } from "react-router";
import type { CaseRow } from "../api/types";
import { useI18n } from "../i18n/i18n-context";
import { useSiteName } from "../lib/sites";
import { CaseSyncTag } from "./case-sync-tag";
import { DeadlineTag } from "./deadline-tag";
import { StatusTag } from "./status-tag";

interface Props {
  rows: CaseRow[];
  loading?: boolean;
  pagination?: false | TablePaginationConfig;
  /** The back office's view across sites: where each case came from and where it is now. */
  showSites?: boolean;
  /** Rows that open in place (the conflicts list). */
  expandable?: TableProps<CaseRow>["expandable"];
}

/** Cases as a table; a row (or its case number, for keyboard users) opens the case. */
export function CaseTable({
  rows,
  loading,
  pagination = false,
  showSites = false,
  expandable,
}: Props) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const site = useSiteName();
  const siteColumns = showSites
    ? [
        {
          title: t("case.originSite"),
          dataIndex: "originSiteId",
          render: (v: string) => site(v),
        },
        {
          title: t("case.handlingSite"),
          dataIndex: "handlingSiteId",
          render: (v: string) => site(v),
        },
      ]
    : [];
  return (
    <Table<CaseRow>
      rowKey="caseId"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={pagination}
      expandable={expandable}
      onRow={(r) => ({
        onClick: () => navigate(`/cases/${r.caseId}`),
        style: { cursor: "pointer" },
      })}
      columns={[
        {
          title: t("case.number"),
          dataIndex: "caseNumber",
          render: (v: string, r) => (
            <Link to={`/cases/${r.caseId}`} onClick={(e) => e.stopPropagation()}>
              {v}
            </Link>
          ),
        },
        { title: t("case.item"), dataIndex: "itemName" },
        { title: t("case.applicant"), dataIndex: "applicantNameMasked" },
        {
          title: t("case.status"),
          dataIndex: "status",
          render: (_: unknown, r) => (
            <span>
              <StatusTag status={r.status} />
              {r.conflict && <Tag color="error">{t("case.conflictEvent")}</Tag>}
              <CaseSyncTag state={r.syncState} />
            </span>
          ),
        },
        {
          title: t("case.deadline"),
          key: "deadline",
          render: (_: unknown, r) => (
            <span>
              <DeadlineTag colour={r.colour} paused={r.paused} />
              {r.dueOn && <Typography.Text type="secondary">{r.dueOn}</Typography.Text>}
            </span>
          ),
        },
        ...siteColumns,
        {
          title: t("case.submittedAt"),
          dataIndex: "submittedAt",
          render: (v: string) => dayjs(v).format("MM-DD HH:mm"),
        },
      ]}
    />
  );
}
