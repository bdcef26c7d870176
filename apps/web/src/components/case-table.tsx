import type { TablePaginationConfig, TableProps } from "antd";
import { Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { Link, useNavigate } from "react-router";
import type { CaseRow } from "../api/types";
import { useI18n } from "../i18n/i18n-context";
import { deadlineCell } from "../lib/deadline";
import { shortSiteName } from "../lib/site-name";
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
  /** Columns a screen adds after the deadline (the inbox's promise dates). */
  extraColumns?: NonNullable<TableProps<CaseRow>["columns"]>;
}

/** The 时限 cell: the light while the clock runs, on time or late once the result is out. */
function DeadlineCellView({ row }: { row: CaseRow }) {
  const { t } = useI18n();
  const cell = deadlineCell(row);
  const running = row.colour !== "none";
  return (
    <span>
      {running ? (
        <DeadlineTag colour={row.colour} paused={row.paused} />
      ) : (
        <Tag color={cell.tag} data-colour={row.colour}>
          {t(cell.label)}
        </Tag>
      )}
      {cell.dueOn && <Typography.Text type="secondary">{cell.dueOn}</Typography.Text>}
    </span>
  );
}

/** Cases as a table; a row (or its case number, for keyboard users) opens the case. */
export function CaseTable({
  rows,
  loading,
  pagination = false,
  showSites = false,
  expandable,
  extraColumns = [],
}: Props) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const siteName = useSiteName();
  // In a table a site is its short name (宝石社区, 北山街道); the full name is on hover.
  const site = (id: string | null) => {
    const name = siteName(id);
    return <span title={name}>{shortSiteName(name)}</span>;
  };
  const nowrap = { style: { whiteSpace: "nowrap" as const } };
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
          onCell: () => nowrap,
          render: (v: string, r) => (
            <Link to={`/cases/${r.caseId}`} onClick={(e) => e.stopPropagation()}>
              {v}
            </Link>
          ),
        },
        { title: t("case.item"), dataIndex: "itemName" },
        { title: t("case.applicant"), dataIndex: "applicantNameMasked", onCell: () => nowrap },
        {
          title: t("case.status"),
          dataIndex: "status",
          render: (_: unknown, r) => (
            <span>
              <StatusTag status={r.status} stage={r.stage} />
              {r.conflict && <Tag color="error">{t("case.conflictEvent")}</Tag>}
              <CaseSyncTag state={r.syncState} />
            </span>
          ),
        },
        {
          title: t("case.deadline"),
          key: "deadline",
          onCell: () => nowrap,
          render: (_: unknown, r) => <DeadlineCellView row={r} />,
        },
        ...extraColumns,
        {
          title: t("case.pickupSite"),
          dataIndex: "pickupSiteId",
          render: (v: string | null) => site(v),
        },
        ...siteColumns,
        {
          title: t("case.submittedAt"),
          dataIndex: "submittedAt",
          onCell: () => nowrap,
          render: (v: string) => dayjs(v).format("MM-DD HH:mm"),
        },
      ]}
    />
  );
}
