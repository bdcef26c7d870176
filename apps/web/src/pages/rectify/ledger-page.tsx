import type { RectificationState } from "@bangban/domain";
import { RECTIFICATION_STATES } from "@bangban/domain";
import { useQuery } from "@tanstack/react-query";
import { Card, Flex, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { trpcQuery } from "../../api/queries";
import type { LedgerRow } from "../../api/types";
import { useMe } from "../../auth/use-me";
import { ExportButtons } from "../../components/export-buttons";
import { PageHeader } from "../../components/kit/page-header";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { ratingKey } from "../../lib/labels";
import { useSites } from "../../lib/sites";
import { rectifyStateColour } from "../case/rectify-actions";
import { type LedgerFilters, ledgerInput, ledgerRows, offersSiteFilter } from "./ledger-view";

/**
 * 差评台账: every 差评 with its responsible site, level, due day and state; overdue ones red.
 * A station lead sees their site's (the server forces it); the center lead and the district all.
 */
export function LedgerPage() {
  const { t } = useI18n();
  const role = useMe().data?.user?.role ?? "station_lead";
  const sites = useSites();
  const [filters, setFilters] = useState<LedgerFilters>({});
  const list = useQuery({
    ...trpcQuery("rectify.ledger", ledgerInput(role, filters)),
    refetchInterval: 60_000,
  });
  const stateOptions = [
    { value: "", label: t("rectify.ledger.allStates") },
    { value: "overdue", label: t("rectify.ledger.overdueOnly") },
    ...RECTIFICATION_STATES.map((s) => ({ value: s, label: t(`rectify.state.${s}`) })),
  ];
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("rectify.ledger.title")}
        subtitle={t("rectify.ledger.intro")}
        extra={
          <Space wrap>
            {offersSiteFilter(role) && (
              <Select
                style={{ minWidth: 200 }}
                value={filters.siteId ?? ""}
                onChange={(siteId) => setFilters((f) => ({ ...f, siteId: siteId || undefined }))}
                options={[
                  { value: "", label: t("rectify.ledger.allSites") },
                  ...(sites.data ?? []).map((s) => ({ value: s.id, label: s.name })),
                ]}
              />
            )}
            <Select
              style={{ minWidth: 160 }}
              value={filters.state ?? ""}
              onChange={(v) =>
                setFilters((f) => ({
                  ...f,
                  state: (v || undefined) as RectificationState | "overdue" | undefined,
                }))
              }
              options={stateOptions}
            />
            <ExportButtons kind="rectify" filters={ledgerInput(role, filters)} />
          </Space>
        }
      />
      <Card size="small">
        <QueryState
          query={list}
          isEmpty={(d) => ledgerRows(d.rows, filters).length === 0}
          empty={t("rectify.ledger.empty")}
        >
          {(d) => <LedgerTable rows={ledgerRows(d.rows, filters)} />}
        </QueryState>
      </Card>
    </Flex>
  );
}

function LedgerTable({ rows }: { rows: LedgerRow[] }) {
  const { t } = useI18n();
  return (
    <Table<LedgerRow>
      size="small"
      rowKey="caseId"
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        {
          title: t("rectify.case"),
          dataIndex: "caseNumber",
          render: (v: string, r) => <Link to={`/cases/${r.caseId}`}>{v}</Link>,
        },
        { title: t("rectify.item"), dataIndex: "itemName" },
        { title: t("rectify.site"), dataIndex: "siteName" },
        {
          title: t("rectify.level"),
          dataIndex: "level",
          render: (l: number) => t(ratingKey[l as 1 | 2] ?? "rating.1"),
        },
        { title: t("rectify.ratedOn"), dataIndex: "ratedOn" },
        {
          title: t("rectify.dueOn"),
          dataIndex: "dueOn",
          render: (v: string | null, r) =>
            v ? (
              <Typography.Text type={r.overdue ? "danger" : undefined}>{v}</Typography.Text>
            ) : (
              "—"
            ),
        },
        {
          title: t("rectify.state"),
          dataIndex: "state",
          render: (s: RectificationState, r) => (
            <Space size={4}>
              <Tag color={rectifyStateColour(s, r.overdue)}>{t(`rectify.state.${s}`)}</Tag>
              {r.overdue && <Tag color="red">{t("rectify.overdue")}</Tag>}
            </Space>
          ),
        },
      ]}
    />
  );
}
