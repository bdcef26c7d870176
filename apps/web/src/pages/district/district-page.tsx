import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Select,
  Skeleton,
  Statistic,
  Tabs,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { trpcQuery } from "../../api/queries";
import type { DistrictFigures } from "../../api/types";
import { EChart } from "../../components/echart";
import { ErrorAlert } from "../../components/error-alert";
import { PageHeader } from "../../components/kit/page-header";
import { PeriodBar, usePeriod } from "../../components/kit/period-bar";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { radarOption } from "../dashboard/chart-options";
import { radarModel, rateCards } from "../dashboard/figures";
import { freshnessRows, nodeFreshness, staffRows, stationRows, streetRows } from "./district";
import { FreshnessCard } from "./freshness-card";
import { RankingTable } from "./ranking-table";
import { RedCasesCard } from "./red-cases-card";

/** The district's headline rates, each with the counts behind it. */
function RateRow({ f }: { f: DistrictFigures }) {
  const { t, lang } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      {rateCards(f.rates, t, lang).map((c) => (
        <Col key={c.key} xs={12} md={8} xl={4}>
          <Card size="small" data-testid={`district-rate-${c.key}`}>
            <Statistic title={t(c.title)} value={c.text} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.count ?? c.note}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The efficiency radar, one polygon per street. */
function StreetRadar({ f }: { f: DistrictFigures }) {
  const { t } = useI18n();
  const model = useMemo(() => radarModel(f.radar), [f.radar]);
  const option = useMemo(() => radarOption(model, (k) => t(k)), [model, t]);
  return (
    <Card size="small" title={t("district.radar")} data-testid="district-radar">
      {model.dims.length ? (
        <EChart option={option} height={340} label={t("district.radar")} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.radarNone")} />
      )}
      {model.emptySites.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("dashboard.radarEmptySites", { names: model.emptySites.join("、") })}
        </Typography.Text>
      )}
    </Card>
  );
}

function StreetPicker(props: {
  streets: { siteId: string; name: string }[];
  value?: string;
  onChange: (v?: string) => void;
}) {
  const { t } = useI18n();
  return (
    <Select
      allowClear
      size="small"
      placeholder={t("district.allStreets")}
      style={{ minWidth: 200 }}
      value={props.value}
      onChange={props.onChange}
      options={props.streets.map((s) => ({ value: s.siteId, label: s.name }))}
    />
  );
}

function StationsTab({ f }: { f: DistrictFigures }) {
  const { t } = useI18n();
  const [streetId, setStreetId] = useState<string | undefined>();
  return (
    <Card
      size="small"
      title={t("district.stationRanking")}
      extra={<StreetPicker streets={f.streets} value={streetId} onChange={setStreetId} />}
    >
      <RankingTable
        rows={stationRows(f.stations, streetId)}
        nameTitle={t("district.station")}
        volumeTitle={t("dashboard.received")}
        showStreet
        testId="district-stations"
      />
    </Card>
  );
}

function StaffTab(props: { period: { from?: string; to?: string }; f: DistrictFigures }) {
  const { t } = useI18n();
  const [streetId, setStreetId] = useState<string | undefined>();
  const staff = useQuery({
    ...trpcQuery("district.staff", props.period),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      size="small"
      title={t("district.staffRanking")}
      extra={<StreetPicker streets={props.f.streets} value={streetId} onChange={setStreetId} />}
    >
      <QueryState query={staff} empty={null}>
        {(s) => (
          <>
            <RankingTable
              rows={staffRows(s.rows, streetId)}
              nameTitle={t("staff.name")}
              volumeTitle={t("staff.handled")}
              showStreet
              showSite
              paged
              testId="district-staff"
            />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: "8px 0 0" }}>
              {t("staff.attribution")}
            </Typography.Paragraph>
          </>
        )}
      </QueryState>
    </Card>
  );
}

/** A line over every tab: how many streets and stations are behind (their figures may lack cases). */
function StaleNotice({ onOpen }: { onOpen: () => void }) {
  const { t } = useI18n();
  const fresh = useQuery({ ...trpcQuery("district.freshness"), refetchInterval: 60_000 });
  if (!fresh.data) return null;
  const streets = fresh.data.streets.filter((s) => nodeFreshness(s.minutesSinceData).stale).length;
  const stations = freshnessRows(fresh.data.stations, { staleOnly: true }).length;
  if (!streets && !stations) return null;
  return (
    <Alert
      type="warning"
      showIcon
      message={t("district.staleNotice", { streets, stations })}
      action={
        <Button size="small" onClick={onOpen}>
          {t("district.fresh.open")}
        </Button>
      }
    />
  );
}

function FreshnessTab() {
  const fresh = useQuery({ ...trpcQuery("district.freshness"), refetchInterval: 60_000 });
  return (
    <QueryState query={fresh} empty={null}>
      {(f) => <FreshnessCard freshness={f} />}
    </QueryState>
  );
}

/**
 * 区级汇总 (district node): figures per street, station and staff member across the district,
 * the radar across streets, rankings, red cases anywhere and each node's data freshness.
 */
export function DistrictPage() {
  const { t } = useI18n();
  const { range, setRange, period } = usePeriod();
  const [tab, setTab] = useState("streets");
  const figures = useQuery({
    ...trpcQuery("district.figures", period),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const f = figures.data;
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("district.title")}
        subtitle={f ? t("dashboard.asOf", { at: dayjs(f.asOf).format("YYYY-MM-DD HH:mm") }) : null}
        help={t("district.help")}
        extra={<PeriodBar range={range} onChange={setRange} query={figures} />}
      />
      <StaleNotice onOpen={() => setTab("freshness")} />
      {figures.isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} data-testid="loading" />
      ) : figures.isError && !f ? (
        <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} />
      ) : f ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: "streets",
              label: t("district.tab.streets"),
              children: (
                <Flex vertical gap={16}>
                  <RateRow f={f} />
                  <Row gutter={[16, 16]}>
                    <Col xs={24} xl={9}>
                      <StreetRadar f={f} />
                    </Col>
                    <Col xs={24} xl={15}>
                      <Card size="small" title={t("district.streetRanking")}>
                        <RankingTable
                          rows={streetRows(f.streets)}
                          nameTitle={t("district.street")}
                          volumeTitle={t("dashboard.received")}
                          testId="district-streets"
                        />
                      </Card>
                    </Col>
                  </Row>
                </Flex>
              ),
            },
            { key: "stations", label: t("district.tab.stations"), children: <StationsTab f={f} /> },
            {
              key: "staff",
              label: t("district.tab.staff"),
              children: <StaffTab period={period} f={f} />,
            },
            {
              key: "red",
              label: t("district.tab.red"),
              children: <RedCasesCard streets={f.streets} stations={f.stations} />,
            },
            { key: "freshness", label: t("district.tab.freshness"), children: <FreshnessTab /> },
          ]}
        />
      ) : null}
    </Flex>
  );
}
