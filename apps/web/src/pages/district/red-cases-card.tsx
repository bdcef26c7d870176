import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Flex, Segmented, Select, Typography } from "antd";
import { useState } from "react";
import { trpcQuery } from "../../api/queries";
import type { DistrictRedCase } from "../../api/types";
import { CaseTable } from "../../components/case-table";
import { ErrorAlert } from "../../components/error-alert";
import { useI18n } from "../../i18n/i18n-context";
import { redCasesInput, stationOptions } from "./district";

const PAGE_SIZE = 20;

/**
 * 红色预警: open cases anywhere in the district that are 超期 (red) or 临近超期 (yellow), as
 * the case list colours them, earliest due first; by street and station; each opens the case.
 */
export function RedCasesCard(props: {
  streets: { siteId: string; name: string }[];
  stations: { siteId: string; name: string; streetId: string }[];
}) {
  const { t } = useI18n();
  const [colour, setColour] = useState<"red" | "yellow">("red");
  const [streetId, setStreetId] = useState<string | undefined>();
  const [siteId, setSiteId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const input = redCasesInput({ colour, streetId, siteId, page, pageSize: PAGE_SIZE });
  const red = useQuery({
    ...trpcQuery("district.redCases", input),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const counts = red.data?.counts;
  return (
    <Card size="small" title={t("district.red.title")} data-testid="district-red">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Segmented<"red" | "yellow">
          value={colour}
          onChange={(v) => {
            setColour(v);
            setPage(1);
          }}
          options={[
            { value: "red", label: t("district.red.overdue", { n: counts?.red ?? "…" }) },
            { value: "yellow", label: t("district.red.atRisk", { n: counts?.yellow ?? "…" }) },
          ]}
        />
        <Select
          allowClear
          placeholder={t("district.allStreets")}
          style={{ minWidth: 200 }}
          value={streetId}
          onChange={(v?: string) => {
            setStreetId(v);
            setSiteId(undefined);
            setPage(1);
          }}
          options={props.streets.map((s) => ({ value: s.siteId, label: s.name }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t("district.allStations")}
          style={{ minWidth: 200 }}
          value={siteId}
          onChange={(v?: string) => {
            setSiteId(v);
            setPage(1);
          }}
          options={stationOptions(props.stations, streetId)}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("district.red.hint")}
        </Typography.Text>
      </Flex>
      {red.isError && !red.data ? (
        <ErrorAlert error={red.error} onRetry={() => void red.refetch()} />
      ) : (
        <CaseTable
          rows={red.data?.rows ?? []}
          loading={red.isFetching}
          showSites
          extraColumns={[
            {
              title: t("district.street"),
              key: "street",
              onCell: () => ({ style: { whiteSpace: "nowrap" } }),
              render: (_: unknown, r) => (r as DistrictRedCase).streetName,
            },
            {
              title: t("district.red.workdays"),
              dataIndex: "workdaysLeft",
              align: "right",
              render: (v: number | null) =>
                v === null ? "—" : v < 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v,
            },
          ]}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: red.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (n) => t("district.red.total", { n }),
          }}
        />
      )}
    </Card>
  );
}
