import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card } from "antd";
import { trpcQuery } from "../../api/queries";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { useSiteName } from "../../lib/sites";
import { StaffTable } from "./staff-table";

/** The dashboard's per-staff card, over the dashboard's period (the leads only). */
export function StaffFiguresCard({ period }: { period: { from?: string; to?: string } }) {
  const { t } = useI18n();
  const staff = useQuery({
    ...trpcQuery("reports.staff", period),
    placeholderData: keepPreviousData,
  });
  const siteName = useSiteName();
  return (
    <Card size="small" title={t("staff.title")} data-testid="staff-figures">
      <QueryState query={staff} empty={null}>
        {(f) => <StaffTable figures={f} siteName={siteName} />}
      </QueryState>
    </Card>
  );
}
