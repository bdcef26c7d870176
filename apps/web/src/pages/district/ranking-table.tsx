import { WarningOutlined } from "@ant-design/icons";
import { Flex, Select, Table, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo, useState } from "react";
import { useI18n } from "../../i18n/i18n-context";
import {
  compareRates,
  RANK_KEYS,
  type RankKey,
  type RankRow,
  rankRows,
  rateCell,
  SMALL_SAMPLE,
} from "./district";

type Ranked = RankRow & { rank: number | null };

/** A rate with the counts behind it, marked when so few cases lie behind it. */
function RateCell({ row, k }: { row: RankRow; k: RankKey }) {
  const { t } = useI18n();
  const c = rateCell(row.rates[k]);
  return (
    <span style={{ whiteSpace: "nowrap" }}>
      {c.text}{" "}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.count}
      </Typography.Text>
      {c.small && (
        <Tooltip title={t("district.smallSample", { n: SMALL_SAMPLE })}>
          <WarningOutlined style={{ color: "#d48806", marginInlineStart: 4 }} />
        </Tooltip>
      )}
    </span>
  );
}

/**
 * 排名: streets, stations or staff ranked by one rate (best first, places shared on a tie),
 * every rate with the counts behind it; any column can be sorted either way, “—” stays last.
 */
export function RankingTable(props: {
  rows: RankRow[];
  nameTitle: string;
  showStreet?: boolean;
  showSite?: boolean;
  volumeTitle: string;
  /** Many rows (staff): pages of 50 instead of one long table. */
  paged?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const [by, setBy] = useState<RankKey>("onTime");
  const ranked = useMemo(() => rankRows(props.rows, by), [props.rows, by]);
  const columns: ColumnsType<Ranked> = [
    {
      title: t("district.rank"),
      dataIndex: "rank",
      width: 56,
      align: "right",
      render: (v: number | null) => v ?? "—",
    },
    {
      title: props.nameTitle,
      dataIndex: "name",
      onCell: () => ({ style: { whiteSpace: "nowrap" } }),
    },
    ...(props.showStreet
      ? [
          {
            title: t("district.street"),
            dataIndex: "street",
            onCell: () => ({ style: { whiteSpace: "nowrap" as const } }),
          },
        ]
      : []),
    ...(props.showSite ? [{ title: t("staff.site"), dataIndex: "site" }] : []),
    {
      title: props.volumeTitle,
      dataIndex: "volume",
      align: "right",
      sorter: (a, b) => a.volume - b.volume,
    },
    {
      title: t("dashboard.completed"),
      dataIndex: "completed",
      align: "right",
      sorter: (a, b) => a.completed - b.completed,
    },
    {
      title: t("staff.overdue"),
      dataIndex: "overdue",
      align: "right",
      sorter: (a, b) => a.overdue - b.overdue,
      render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
    },
    ...RANK_KEYS.map(({ key, title }) => ({
      title: t(title),
      key,
      align: "right" as const,
      sortDirections: ["descend", "ascend"] as ("descend" | "ascend")[],
      sorter: (a: Ranked, b: Ranked, order?: "ascend" | "descend" | null) =>
        compareRates(key, a.rates[key], b.rates[key], order),
      render: (_: unknown, r: Ranked) => <RateCell row={r} k={key} />,
    })),
  ];
  return (
    <Flex vertical gap={8} data-testid={props.testId}>
      <Flex gap={8} align="center">
        <Typography.Text>{t("district.rankBy")}</Typography.Text>
        <Select<RankKey>
          size="small"
          value={by}
          onChange={setBy}
          style={{ minWidth: 160 }}
          options={RANK_KEYS.map(({ key, title }) => ({ value: key, label: t(title) }))}
        />
      </Flex>
      <Table<Ranked>
        size="small"
        rowKey="key"
        pagination={props.paged ? { pageSize: 50, showSizeChanger: false, size: "small" } : false}
        dataSource={ranked}
        columns={columns}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("dashboard.noCases") }}
      />
    </Flex>
  );
}
