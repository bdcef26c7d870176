import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import { errorText } from "../../api/errors";
import type { QueryOutput } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import { CursorPager } from "../../components/kit/cursor-pager";
import { PageHeader } from "../../components/kit/page-header";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { useCursorPages } from "../../lib/use-cursor-pages";
import { AuditFilters } from "./audit-filters";
import {
  type AuditFilter,
  actionLabel,
  auditListInput,
  chainTag,
  detailText,
  personText,
  siteText,
  verifyText,
} from "./audit-view";

type AuditRow = QueryOutput<"audit.list">["rows"][number];

/**
 * 审计日志: a station lead reads the station's log; the center lead and district admins the
 * hub's and, choosing the site, every station's as it synced up. Each read is logged.
 */
export function AuditPage() {
  const { t, lang } = useI18n();
  const sites = useQuery({ ...trpcQuery("audit.sites"), staleTime: 5 * 60_000 });
  const [filter, setFilter] = useState<AuditFilter>({ access: false });
  const pages = useCursorPages<number>();
  // Every read writes an audit line: no background refetches, only what the person asks for.
  const list = useQuery({
    ...trpcQuery("audit.list", auditListInput(filter, pages.before)),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  const verify = useMutation({
    mutationFn: () => api.audit.verify.mutate(filter.site ? { site: filter.site } : {}),
  });
  const apply = (f: AuditFilter) => {
    pages.reset();
    verify.reset();
    setFilter(f);
  };
  const verdict = verify.data?.result;
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("audit.title")}
        subtitle={t("audit.hint")}
        extra={
          <Button
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            {t("audit.verify")}
          </Button>
        }
      />
      {verdict && (
        <Alert
          showIcon
          type={verdict.ok ? "success" : "error"}
          message={`${verify.data?.site.name}：${verifyText(verdict, t)}`}
        />
      )}
      {verify.isError && <Alert showIcon type="error" message={errorText(verify.error, lang)} />}
      <Card size="small">
        <AuditFilters sites={sites.data ?? []} value={filter} onApply={apply} error={list.error} />
      </Card>
      <Card size="small">
        <QueryState
          query={list}
          isEmpty={(d) => d.rows.length === 0 && pages.depth === 0}
          empty={t("audit.empty")}
        >
          {(d) => (
            <Flex vertical gap={8}>
              <Table<AuditRow>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.rows}
                data-testid="audit-table"
                columns={[
                  {
                    title: t("audit.col.at"),
                    dataIndex: "at",
                    width: 150,
                    render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm:ss"),
                  },
                  {
                    title: t("audit.col.site"),
                    dataIndex: "siteId",
                    width: 140,
                    render: (v: string) => <span title={v}>{siteText(v, sites.data ?? [])}</span>,
                  },
                  {
                    title: t("audit.col.person"),
                    key: "person",
                    width: 150,
                    render: (_, r) => personText(r, t, lang),
                  },
                  {
                    title: t("audit.col.action"),
                    key: "action",
                    width: 170,
                    render: (_, r) => (
                      <Typography.Text title={r.action}>
                        {actionLabel(r.action, t, lang)}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t("audit.col.case"),
                    key: "case",
                    width: 220,
                    render: (_, r) =>
                      r.caseId && r.caseNumber ? (
                        <Link to={`/cases/${r.caseId}`}>{r.caseNumber}</Link>
                      ) : (
                        (r.caseId ?? "")
                      ),
                  },
                  {
                    title: t("audit.col.detail"),
                    key: "detail",
                    render: (_, r) => (
                      <Typography.Text style={{ fontSize: 12 }}>
                        {detailText(r.detail, t)}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t("audit.col.chain"),
                    key: "chain",
                    width: 100,
                    render: (_, r) => {
                      const tag = chainTag(r.chain);
                      return <Tag color={tag.colour}>{t(tag.label)}</Tag>;
                    },
                  },
                ]}
              />
              <CursorPager
                depth={pages.depth}
                next={d.next}
                onNewer={pages.reset}
                onOlder={pages.older}
                newerLabel={t("audit.newest")}
                olderLabel={t("audit.older")}
              />
            </Flex>
          )}
        </QueryState>
      </Card>
    </Flex>
  );
}
