import { Table, Typography } from "antd";
import type { StaffFigureRow, StaffFigures } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { percentText } from "../dashboard/figures";

/**
 * Per-staff figures: cases handled, 按时办结率 (promised limit), 超期 (legal limit), 满意率,
 * 主动评价率, the 差评 count, and one column per extra source the server has (complaints …).
 */
export function StaffTable(props: {
  figures: StaffFigures;
  siteName: (id: string) => string;
  print?: boolean;
}) {
  const { t, lang } = useI18n();
  const { figures } = props;
  return (
    <>
      <Table<StaffFigureRow>
        size="small"
        rowKey="userId"
        pagination={false}
        dataSource={figures.rows}
        locale={{ emptyText: t("staff.none") }}
        scroll={props.print ? undefined : { x: "max-content" }}
        columns={[
          { title: t("staff.name"), key: "name", render: (_, r) => r.displayName ?? r.userId },
          { title: t("staff.role"), dataIndex: "roleLabel" },
          {
            title: t("staff.site"),
            key: "site",
            render: (_, r) => (r.siteId ? props.siteName(r.siteId) : "—"),
          },
          { title: t("staff.handled"), dataIndex: "handled", align: "right" },
          { title: t("dashboard.completed"), dataIndex: "completed", align: "right" },
          {
            title: t("dashboard.radar.onTime"),
            key: "onTime",
            align: "right",
            render: (_, r) => percentText(r.rates.onTime.value),
          },
          { title: t("staff.overdue"), dataIndex: "overdue", align: "right" },
          {
            title: t("dashboard.rate.satisfaction"),
            key: "sat",
            align: "right",
            render: (_, r) => percentText(r.rates.satisfaction.value),
          },
          {
            title: t("dashboard.rate.activeRating"),
            key: "active",
            align: "right",
            render: (_, r) => percentText(r.rates.activeRating.value),
          },
          { title: t("staff.bad"), dataIndex: "badRatings", align: "right" },
          ...figures.columns.map((c) => ({
            title: lang === "zh" ? c.zh : c.en,
            key: c.key,
            align: "right" as const,
            render: (_: unknown, r: StaffFigureRow) => r.extra[c.key] ?? 0,
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: "8px 0 0" }}>
        {t("staff.attribution")}
      </Typography.Paragraph>
    </>
  );
}
