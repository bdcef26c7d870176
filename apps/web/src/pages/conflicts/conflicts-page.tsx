import { useQuery } from "@tanstack/react-query";
import { Card, Flex, Skeleton } from "antd";
import { trpcQuery } from "../../api/queries";
import { useMe } from "../../auth/use-me";
import { CaseTable } from "../../components/case-table";
import { ErrorAlert } from "../../components/error-alert";
import { PageHeader } from "../../components/kit/page-header";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { ConflictPanel } from "./conflict-panel";
import { mayResolve } from "./may-resolve";

/** One conflicted case, opened in the list: both sides and the resolve form. */
function Expanded({ caseId }: { caseId: string }) {
  const me = useMe();
  const detail = useQuery({
    ...trpcQuery("cases.get", { caseId }),
  });
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (detail.isError)
    return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  return <ConflictPanel detail={detail.data} canResolve={mayResolve(me.data?.user?.role)} />;
}

/** 冲突 (hub): cases whose two sides made transitions that could not both stand. */
export function ConflictsPage() {
  const { t } = useI18n();
  const list = useQuery({
    ...trpcQuery("cases.list", { scope: "all", conflict: true, orderBy: "updated", limit: 200 }),
    refetchInterval: 30_000,
  });
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t("conflicts.title")} subtitle={t("conflicts.intro")} />
      <Card>
        <QueryState query={list} isEmpty={(d) => d.total === 0} empty={t("conflicts.empty")}>
          {(d) => <ConflictTable rows={d.rows} />}
        </QueryState>
      </Card>
    </Flex>
  );
}

function ConflictTable({ rows }: { rows: Parameters<typeof CaseTable>[0]["rows"] }) {
  return (
    <CaseTable
      rows={rows}
      showSites
      expandable={{
        expandRowByClick: false,
        defaultExpandedRowKeys: rows.length === 1 ? [rows[0]?.caseId ?? ""] : [],
        expandedRowRender: (r) => <Expanded caseId={r.caseId} />,
      }}
    />
  );
}
