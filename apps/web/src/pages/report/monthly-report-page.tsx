import { PrinterOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, DatePicker, Empty, Flex, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { type ReactNode, useMemo } from "react";
import { useSearchParams } from "react-router";
import { trpcQuery } from "../../api/queries";
import type { MonthlyReport } from "../../api/types";
import { EChart } from "../../components/echart";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { useSiteName } from "../../lib/sites";
import { localToday } from "../../lib/today";
import { radarOption } from "../dashboard/chart-options";
import { percentText, radarModel } from "../dashboard/figures";
import { monthOf, moreText, reasonText, type SiteLine, siteLines } from "./monthly-report";
import { StaffTable } from "./staff-table";
import "./monthly-report.css";

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Card size="small" className="report-section" title={props.title}>
      {props.children}
    </Card>
  );
}

function More({ list }: { list: { total: number; rows: unknown[] } }) {
  const { t } = useI18n();
  const text = moreText(list, t);
  return text ? <Typography.Text type="secondary">{text}</Typography.Text> : null;
}

/** A section another record fills: its own table, or the note that it is not recorded yet. */
function Recorded({ section }: { section: MonthlyReport["complaints"] }) {
  if (!section.recorded) return <Typography.Text type="secondary">{section.note}</Typography.Text>;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(_, i) => String(i)}
      dataSource={section.table.rows}
      columns={section.table.columns.map((c) => ({ title: c.zh, dataIndex: c.key }))}
    />
  );
}

function SiteFigures({ r }: { r: MonthlyReport }) {
  const { t } = useI18n();
  const count = (key: keyof SiteLine, title: string) => ({
    title,
    dataIndex: key,
    align: "right" as const,
  });
  const rate = (key: keyof SiteLine, title: string) => ({
    title,
    key,
    align: "right" as const,
    render: (_: unknown, l: SiteLine) => percentText(l[key] as number | null),
  });
  return (
    <Table<SiteLine>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={siteLines(r.figures, t("report.total"))}
      locale={{ emptyText: t("dashboard.noCases") }}
      columns={[
        { title: t("queue.site"), dataIndex: "name" },
        count("received", t("dashboard.received")),
        count("open", t("dashboard.open")),
        count("completed", t("dashboard.completed")),
        rate("onTime", t("dashboard.radar.onTime")),
        rate("satisfaction", t("dashboard.rate.satisfaction")),
        rate("activeRating", t("dashboard.rate.activeRating")),
        count("overdue", t("report.col.overdue")),
        count("bad", t("report.col.bad")),
      ]}
    />
  );
}

function Radar({ r }: { r: MonthlyReport }) {
  const { t } = useI18n();
  const model = useMemo(() => radarModel(r.figures.radar), [r.figures.radar]);
  const option = useMemo(
    () => ({ ...radarOption(model, (k) => t(k)), animation: false }),
    [model, t],
  );
  if (model.dims.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.radarNone")} />;
  return <EChart option={option} height={360} label={t("dashboard.radar")} />;
}

function RedCases({ r }: { r: MonthlyReport }) {
  const { t, lang } = useI18n();
  type Row = MonthlyReport["redCases"]["rows"][number];
  return (
    <>
      <Table<Row>
        size="small"
        rowKey="caseId"
        pagination={false}
        dataSource={r.redCases.rows}
        locale={{ emptyText: t("report.noRed") }}
        columns={[
          { title: t("case.number"), dataIndex: "caseNumber" },
          { title: t("case.item"), dataIndex: "itemName" },
          { title: t("case.status"), dataIndex: "status" },
          { title: t("report.col.handlingSite"), dataIndex: "handlingSite" },
          { title: t("report.col.holder"), dataIndex: "holder" },
          {
            title: t("report.col.reason"),
            key: "reason",
            render: (_, row) => reasonText(row.reasons, t, lang === "zh" ? "；" : "; "),
          },
        ]}
      />
      <More list={r.redCases} />
    </>
  );
}

function BadRatings({ r }: { r: MonthlyReport }) {
  const { t } = useI18n();
  type Row = MonthlyReport["badRatings"]["rows"][number];
  return (
    <Flex vertical gap={8}>
      <Table<Row>
        size="small"
        rowKey="caseId"
        pagination={false}
        dataSource={r.badRatings.rows}
        locale={{ emptyText: t("report.noBad") }}
        columns={[
          { title: t("case.number"), dataIndex: "caseNumber" },
          { title: t("case.item"), dataIndex: "itemName" },
          { title: t("report.col.level"), dataIndex: "levelLabel" },
          { title: t("report.col.ratedSite"), dataIndex: "ratedSite" },
          { title: t("report.col.handler"), dataIndex: "handler" },
          { title: t("case.status"), dataIndex: "status" },
        ]}
      />
      <More list={r.badRatings} />
      <Typography.Text strong>{t("report.rectification")}</Typography.Text>
      <Recorded section={r.rectification} />
    </Flex>
  );
}

/**
 * 工作月报 for the Monday meeting, printable on A4: the month's figures per site, the radar,
 * the staff figures, the cases red now with why, the month's 差评 and their rectification, and
 * complaints. `?month=2026-11`; a station lead's report holds the station's own rows.
 */
export function MonthlyReportPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const month = monthOf(params.get("month"), localToday());
  const report = useQuery(trpcQuery("reports.monthly", { month }));
  const siteName = useSiteName();
  return (
    <Flex vertical gap={16} className="monthly-report">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("report.title", { month })}
        </Typography.Title>
        <Space className="no-print">
          <DatePicker
            picker="month"
            allowClear={false}
            aria-label={t("report.month")}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setParams({ month: d.format("YYYY-MM") })}
            disabledDate={(d) => d.isAfter(dayjs(), "month")}
          />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t("report.print")}
          </Button>
        </Space>
      </Flex>
      <QueryState query={report} empty={null}>
        {(r) => (
          <>
            <Typography.Text type="secondary">
              {r.scopeSite ? t("report.scope", { site: r.scopeSite }) : t("report.scopeAll")}
              {" · "}
              {t("report.generated", {
                at: dayjs(r.asOf).format("YYYY-MM-DD HH:mm"),
                today: r.today,
              })}
            </Typography.Text>
            <Section title={t("report.section.figures")}>
              <SiteFigures r={r} />
            </Section>
            <Section title={t("report.section.radar")}>
              <Radar r={r} />
            </Section>
            <Section title={t("report.section.staff")}>
              <StaffTable figures={r.staff} siteName={siteName} print />
            </Section>
            <Section title={t("report.section.red")}>
              <RedCases r={r} />
            </Section>
            <Section title={t("report.section.ratings")}>
              <BadRatings r={r} />
            </Section>
            <Section title={t("report.section.complaints")}>
              <Recorded section={r.complaints} />
            </Section>
          </>
        )}
      </QueryState>
    </Flex>
  );
}
