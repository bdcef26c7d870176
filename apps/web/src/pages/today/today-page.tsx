import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Flex, Segmented, Statistic, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useNavigate } from "react-router";
import { trpcQuery } from "../../api/queries";
import type { DeadlineColour } from "../../api/types";
import { useMe } from "../../auth/use-me";
import { CaseTable } from "../../components/case-table";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { colourMeta } from "../../lib/deadline";
import { countByColour, todaysCases } from "./today-cases";

type Filter = "all" | "new" | Exclude<DeadlineColour, "none">;

/** The helper's day: open cases at this station, most urgent first, with deadline colours. */
export function TodayPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>("all");
  const list = useQuery({
    ...trpcQuery("cases.list", { open: true, orderBy: "due", limit: 200 }),
    refetchInterval: 30_000,
  });
  // 今日收件 is this station's own intake: the node's site, not whoever the case waits for.
  const siteId = useMe().data?.node.siteId ?? "";
  const today = list.data?.today ?? dayjs().format("YYYY-MM-DD");
  const counts = countByColour(list.data?.rows ?? [], today, siteId);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("today.title")}
          {list.data && (
            <Typography.Text type="secondary" style={{ fontSize: 14, marginInlineStart: 12 }}>
              {list.data.today}
            </Typography.Text>
          )}
        </Typography.Title>
        <Button
          type="primary"
          size="large"
          icon={<PlusOutlined />}
          onClick={() => navigate("/intake")}
        >
          {t("today.newCase")}
        </Button>
      </Flex>
      <Flex gap={12} wrap>
        {(["red", "yellow", "green"] as const).map((c) => (
          <Card
            key={c}
            size="small"
            style={{ minWidth: 150, borderTop: `3px solid ${colourMeta(c).hex}` }}
          >
            <Statistic
              title={t(colourMeta(c).label)}
              value={counts[c]}
              valueStyle={{ color: colourMeta(c).hex }}
            />
          </Card>
        ))}
        <Card size="small" style={{ minWidth: 150 }}>
          <Statistic title={t("today.newToday")} value={counts.newToday} />
        </Card>
      </Flex>
      <Card>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          style={{ marginBottom: 16 }}
          options={[
            { value: "all", label: t("today.filter.all") },
            { value: "red", label: t("deadline.red") },
            { value: "yellow", label: t("deadline.yellow") },
            { value: "green", label: t("deadline.green") },
            { value: "new", label: t("today.filter.new") },
          ]}
        />
        <QueryState
          query={list}
          isEmpty={(d) => todaysCases(d.rows, filter, d.today, siteId).length === 0}
          empty={filter === "all" ? t("today.empty") : t("today.emptyFiltered")}
        >
          {(d) => <CaseTable rows={todaysCases(d.rows, filter, d.today, siteId)} />}
        </QueryState>
      </Card>
    </Flex>
  );
}
