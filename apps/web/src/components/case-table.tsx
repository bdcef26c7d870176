import type { TablePaginationConfig } from "antd";
import { Table, Typography } from "antd";
import dayjs from "dayjs";
import { Link, useNavigate } from "react-router";
import type { CaseRow } from "../api/types";
import { useI18n } from "../i18n/i18n-context";
import { DeadlineTag } from "./deadline-tag";
import { StatusTag } from "./status-tag";

interface Props {
  rows: CaseRow[];
  loading?: boolean;
  pagination?: false | TablePaginationConfig;
}

/** Cases as a table; a row (or its case number, for keyboard users) opens the case. */
export function CaseTable({ rows, loading, pagination = false }: Props) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Table<CaseRow>
      rowKey="caseId"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={pagination}
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
          render: (_: unknown, r) => <StatusTag status={r.status} />,
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
        {
          title: t("case.submittedAt"),
          dataIndex: "submittedAt",
          render: (v: string) => dayjs(v).format("MM-DD HH:mm"),
        },
      ]}
    />
  );
}
