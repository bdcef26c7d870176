import { Card, Flex, Select, Switch, Table, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import type { DistrictFreshness } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { agoText, FRESH_COLOUR } from "../dashboard/figures";
import { freshnessRows, type NodeFreshness, nodeFreshness } from "./district";

const at = (v: string | null) => (v ? dayjs(v).format("MM-DD HH:mm") : "—");

/** How long ago, coloured by how stale (fresh green, stale amber, old red, never grey). */
function AgeTag({ f }: { f: NodeFreshness }) {
  const { t } = useI18n();
  return <Tag color={FRESH_COLOUR[f.level]}>{agoText(f.minutes, t)}</Tag>;
}

type StreetRow = DistrictFreshness["streets"][number];

/**
 * A street's bulk catch-up: cases still counted by the street's own reading (待核验) until the
 * district checked their history, and any it refused; "—" for a street that never sent one.
 */
function BulkTags({ bulk }: { bulk: StreetRow["bulk"] }) {
  const { t } = useI18n();
  if (bulk.waiting + bulk.verified + bulk.refused === 0) return <>—</>;
  return (
    <>
      {bulk.waiting > 0 && (
        <Tag color="warning">{t("district.fresh.bulkWaiting", { n: bulk.waiting })}</Tag>
      )}
      {bulk.refused > 0 && (
        <Tag color="error">{t("district.fresh.bulkRefused", { n: bulk.refused })}</Tag>
      )}
      <Tag>{t("district.fresh.bulkVerified", { n: bulk.verified })}</Tag>
    </>
  );
}

/**
 * 数据新鲜度: each street's last exchange with the district, and each station's last exchange
 * with its street as the street reported it, with how old that report is. A stale node's
 * cases may be missing from every figure above.
 */
export function FreshnessCard({ freshness }: { freshness: DistrictFreshness }) {
  const { t } = useI18n();
  const [streetId, setStreetId] = useState<string | undefined>();
  const [staleOnly, setStaleOnly] = useState(false);
  const stations = useMemo(
    () => freshnessRows(freshness.stations, { streetId, staleOnly }),
    [freshness.stations, streetId, staleOnly],
  );
  const streets = freshness.streets.filter(
    (s) => !staleOnly || nodeFreshness(s.minutesSinceData).stale,
  );
  type StationRow = (typeof stations)[number];
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t("district.fresh.streets")} data-testid="district-fresh-streets">
        <Table<StreetRow>
          size="small"
          rowKey="siteId"
          pagination={false}
          dataSource={streets}
          scroll={{ x: "max-content" }}
          columns={[
            { title: t("district.street"), dataIndex: "name" },
            {
              title: t("district.fresh.age"),
              key: "age",
              render: (_, r) => (
                <>
                  <AgeTag f={nodeFreshness(r.minutesSinceData)} />
                  {!r.enrolled && <Tag>{t("district.fresh.notEnrolled")}</Tag>}
                  {r.revoked && <Tag color="error">{t("fresh.revoked")}</Tag>}
                </>
              ),
            },
            { title: t("district.fresh.lastPush"), dataIndex: "lastPushAt", render: at },
            { title: t("district.fresh.lastPull"), dataIndex: "lastPullAt", render: at },
            { title: t("district.fresh.lastSeen"), dataIndex: "lastSeenAt", render: at },
            {
              title: (
                <Tooltip title={t("district.fresh.bulkHint")}>{t("district.fresh.bulk")}</Tooltip>
              ),
              key: "bulk",
              render: (_, r) => <BulkTags bulk={r.bulk} />,
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t("district.fresh.stations")}
        data-testid="district-fresh-stations"
        extra={
          <Flex gap={8} align="center">
            <Select
              size="small"
              allowClear
              placeholder={t("district.allStreets")}
              style={{ minWidth: 180 }}
              value={streetId}
              onChange={(v?: string) => setStreetId(v)}
              options={freshness.streets.map((s) => ({ value: s.siteId, label: s.name }))}
            />
            <Switch size="small" checked={staleOnly} onChange={setStaleOnly} />
            <Typography.Text>{t("district.fresh.staleOnly")}</Typography.Text>
          </Flex>
        }
      >
        <Table<StationRow>
          size="small"
          rowKey="siteId"
          pagination={false}
          dataSource={stations}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("district.fresh.noneStale") }}
          columns={[
            { title: t("district.street"), dataIndex: "streetName" },
            { title: t("district.station"), dataIndex: "name" },
            {
              title: t("district.fresh.stale"),
              key: "stale",
              render: (_, r) =>
                r.stale ? <Tag color="warning">{t("district.fresh.staleMark")}</Tag> : null,
            },
            {
              title: t("district.fresh.stationAge"),
              key: "age",
              render: (_, r) => <AgeTag f={r.data} />,
            },
            { title: t("district.fresh.lastPush"), dataIndex: "lastPushAt", render: at },
            { title: t("district.fresh.lastPull"), dataIndex: "lastPullAt", render: at },
            {
              title: t("district.fresh.reportAge"),
              key: "report",
              render: (_, r) =>
                r.reportedAt ? <AgeTag f={r.report} /> : <Tag>{t("district.fresh.noReport")}</Tag>,
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: "8px 0 0" }}>
          {t("district.fresh.hint")}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
