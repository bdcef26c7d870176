import { InfoCircleOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Table, Typography } from "antd";
import dayjs from "dayjs";
import { type ReactNode, useMemo } from "react";
import { trpcQuery } from "../../api/queries";
import type { Figures } from "../../api/types";
import { REPORT_ROLES } from "../../auth/menu";
import { useMe } from "../../auth/use-me";
import { EChart } from "../../components/echart";
import { ErrorAlert } from "../../components/error-alert";
import { ExportButtons } from "../../components/export-buttons";
import { PeriodBar, usePeriod } from "../../components/kit/period-bar";
import { useI18n } from "../../i18n/i18n-context";
import { StaffFiguresCard } from "../report/staff-figures-card";
import { ChannelMixCard } from "./channel-mix-card";
import { barOption, lineOption, radarOption } from "./chart-options";
import { HelpTitle } from "./figure-help";
import {
  overdueFigure,
  percentText,
  radarModel,
  rateCards,
  type StationFreshness,
  stationFreshness,
} from "./figures";
import { FreshnessLine } from "./freshness-line";

/** A figure's card: its content, then how fresh each station's data behind it is. */
function FigureCard(props: {
  title: ReactNode;
  stations: StationFreshness[];
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card
      size="small"
      title={props.title}
      data-testid={props.testId}
      style={{ height: "100%" }}
      styles={{ body: { display: "flex", flexDirection: "column", gap: 8 } }}
    >
      <div style={{ flex: 1 }}>{props.children}</div>
      <FreshnessLine stations={props.stations} compact />
    </Card>
  );
}

function Charts({ f, stations }: { f: Figures; stations: StationFreshness[] }) {
  const { t, lang } = useI18n();
  const sep = lang === "zh" ? "、" : ", ";
  const received = t("dashboard.received");
  const open = t("dashboard.open");
  const completed = t("dashboard.completed");
  const options = useMemo(() => {
    const radar = radarModel(f.radar);
    return {
      byItem: barOption({
        categories: f.byItem.map((i) => i.itemName),
        series: [
          { name: received, values: f.byItem.map((i) => i.received) },
          { name: completed, values: f.byItem.map((i) => i.completed) },
        ],
        horizontal: true,
      }),
      bySite: barOption({
        categories: f.bySite.map((s) => s.name),
        series: [
          { name: received, values: f.bySite.map((s) => s.received) },
          { name: open, values: f.bySite.map((s) => s.open) },
          { name: completed, values: f.bySite.map((s) => s.completed) },
        ],
      }),
      byDay: lineOption({
        days: f.byDay.map((d) => d.day),
        values: f.byDay.map((d) => d.count),
        name: received,
      }),
      byHour: barOption({
        categories: f.byHour.map((h) => `${h.hour}`),
        series: [{ name: received, values: f.byHour.map((h) => h.count) }],
      }),
      radar,
      radarOption: radarOption(radar, (k) => t(k)),
    };
  }, [f, t, received, open, completed]);
  const none = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.noCases")} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <FigureCard
          title={<HelpTitle title={t("dashboard.byItem")} help="dashboard.help.byItem" />}
          stations={stations}
        >
          {f.byItem.length ? (
            <EChart
              option={options.byItem}
              height={Math.max(220, f.byItem.length * 36 + 60)}
              label={t("dashboard.byItem")}
            />
          ) : (
            none
          )}
        </FigureCard>
      </Col>
      <Col xs={24} xl={12}>
        <FigureCard
          title={<HelpTitle title={t("dashboard.bySite")} help="dashboard.help.bySite" />}
          stations={stations}
        >
          {f.bySite.length ? (
            <EChart option={options.bySite} height={280} label={t("dashboard.bySite")} />
          ) : (
            none
          )}
        </FigureCard>
      </Col>
      <Col xs={24} xl={12}>
        <FigureCard
          title={<HelpTitle title={t("dashboard.byDay")} help="dashboard.help.byDay" />}
          stations={stations}
        >
          <EChart option={options.byDay} height={240} label={t("dashboard.byDay")} />
        </FigureCard>
      </Col>
      <Col xs={24} xl={12}>
        <FigureCard
          title={<HelpTitle title={t("dashboard.byHour")} help="dashboard.help.byHour" />}
          stations={stations}
        >
          <EChart option={options.byHour} height={240} label={t("dashboard.byHour")} />
        </FigureCard>
      </Col>
      <Col xs={24} xl={12}>
        <FigureCard
          title={<HelpTitle title={t("dashboard.radar")} help="dashboard.help.radar" />}
          stations={stations}
          testId="radar"
        >
          {f.radar.length ? (
            <>
              {options.radar.dims.length > 0 ? (
                <EChart option={options.radarOption} height={320} label={t("dashboard.radar")} />
              ) : (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t("dashboard.radarNone")}
                />
              )}
              {options.radar.dims.length > 0 && options.radar.missing.length > 0 && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <InfoCircleOutlined />{" "}
                    {t("dashboard.radarMissing", {
                      names: options.radar.missing.map((d) => t(d.name)).join(sep),
                    })}
                  </Typography.Text>
                </div>
              )}
              {options.radar.dims.length > 0 && options.radar.emptySites.length > 0 && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <InfoCircleOutlined />{" "}
                    {t("dashboard.radarEmptySites", {
                      names: options.radar.emptySites.join(sep),
                    })}
                  </Typography.Text>
                </div>
              )}
            </>
          ) : (
            none
          )}
        </FigureCard>
      </Col>
      <Col xs={24} xl={12}>
        <FigureCard
          title={<HelpTitle title={t("dashboard.sites")} help="dashboard.help.sites" />}
          stations={stations}
        >
          <SiteTable f={f} />
        </FigureCard>
      </Col>
    </Row>
  );
}

function SiteTable({ f }: { f: Figures }) {
  const { t } = useI18n();
  type Row = Figures["bySite"][number];
  return (
    <Table<Row>
      size="small"
      rowKey="siteId"
      pagination={false}
      dataSource={f.bySite}
      locale={{ emptyText: t("dashboard.noCases") }}
      scroll={{ x: "max-content" }}
      columns={[
        {
          title: t("queue.site"),
          dataIndex: "name",
          onCell: () => ({ style: { whiteSpace: "nowrap" } }),
        },
        { title: t("dashboard.received"), dataIndex: "received", align: "right" },
        { title: t("dashboard.open"), dataIndex: "open", align: "right" },
        { title: t("dashboard.completed"), dataIndex: "completed", align: "right" },
        {
          title: t("dashboard.terminated"),
          dataIndex: "terminated",
          align: "right",
          render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
        },
        {
          title: t("dashboard.rate.onTime"),
          key: "onTime",
          align: "right",
          render: (_: unknown, r) => percentText(r.rates.onTime.value),
        },
        {
          title: t("dashboard.rate.satisfaction"),
          key: "sat",
          align: "right",
          render: (_: unknown, r) => percentText(r.rates.satisfaction.value),
        },
        {
          title: t("dashboard.dataAsOf"),
          dataIndex: "dataAsOf",
          render: (v: string | null) => (v ? dayjs(v).format("MM-DD HH:mm") : t("fresh.never")),
        },
      ]}
    />
  );
}

/**
 * 数据看板 (hub): 按时办结率, 满意率, 主动评价率 and 差评整改率, volumes by item, site, day and
 * hour, and the efficiency radar per site. Every figure says how fresh each station's data
 * is: the hub counts only what the stations have synced.
 */
export function DashboardPage() {
  const { t, lang } = useI18n();
  const { range, setRange, period: input } = usePeriod();
  const figures = useQuery({
    ...trpcQuery("dashboard.figures", input),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const f = figures.data;
  const stations = f ? stationFreshness(f.freshness, f.asOf) : [];
  const role = useMe().data?.user?.role;
  const leads = role !== undefined && REPORT_ROLES.includes(role);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("dashboard.title")}
          </Typography.Title>
          {f && (
            <Typography.Text type="secondary">
              {t("dashboard.asOf", { at: dayjs(f.asOf).format("YYYY-MM-DD HH:mm") })}
            </Typography.Text>
          )}
        </div>
        <PeriodBar range={range} onChange={setRange} query={figures}>
          <ExportButtons kind="dashboard" filters={input} />
        </PeriodBar>
      </Flex>
      {figures.isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} data-testid="loading" />
      ) : figures.isError && !f ? (
        <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} />
      ) : f ? (
        <>
          <Card size="small" title={t("fresh.title")} data-testid="freshness-summary">
            {stations.length ? (
              <FreshnessLine stations={stations} />
            ) : (
              <Typography.Text type="secondary">{t("fresh.noStations")}</Typography.Text>
            )}
            <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0", fontSize: 12 }}>
              {t("fresh.hint")}
            </Typography.Paragraph>
          </Card>
          <Row gutter={[16, 16]}>
            {rateCards(f.rates, t, lang).map((c) => (
              <Col key={c.key} xs={24} sm={12} xl={8} xxl={4}>
                <FigureCard
                  title={<HelpTitle title={t(c.title)} help={`dashboard.help.${c.key}`} />}
                  stations={stations}
                  testId={`rate-${c.key}`}
                >
                  <Statistic
                    value={c.text}
                    valueStyle={{ color: c.note ? "#8c8c8c" : "#c0392b" }}
                  />
                  {c.count && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`dashboard.count.${c.key}`, { count: c.count })}
                    </Typography.Text>
                  )}
                  {c.note && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        <InfoCircleOutlined /> {c.note}
                      </Typography.Text>
                    </div>
                  )}
                </FigureCard>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            {(["received", "open", "completed"] as const).map((k) => (
              <Col key={k} xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={
                      <HelpTitle title={t(`dashboard.total.${k}`)} help={`dashboard.help.${k}`} />
                    }
                    value={f.totals[k]}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={6}>
              <OverdueCard totals={f.totals} />
            </Col>
          </Row>
          <Charts f={f} stations={stations} />
          <ChannelMixCard mix={f.ratingChannels} stations={stations} />
          {leads && <StaffFiguresCard period={input} />}
        </>
      ) : null}
    </Flex>
  );
}

/** 超期, against the legal limit (法定时限); 按时办结率 beside it is against the promised one. */
function OverdueCard({ totals }: { totals: Figures["totals"] }) {
  const { t } = useI18n();
  const o = overdueFigure(totals);
  return (
    <Card size="small" data-testid="total-overdue">
      <Statistic
        title={<HelpTitle title={t("dashboard.total.overdue")} help="dashboard.help.overdue" />}
        value={o.total}
        valueStyle={o.total > 0 ? { color: "#c0392b" } : undefined}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("dashboard.overdue.split", { open: o.open, finished: o.finished })}
      </Typography.Text>
    </Card>
  );
}
