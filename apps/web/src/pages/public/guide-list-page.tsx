import { RightOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Card, Flex, Input, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { trpcQuery } from "../../api/queries";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { caseKindKey, itemTypeKey } from "../../lib/labels";
import { matchesItem } from "../intake/item-search";

/** 办事指南 (public): every item of the catalog, searchable, each leading to its guide. */
export function GuideListPage() {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const items = useQuery({
    ...trpcQuery("catalog.list", {}),
    staleTime: 5 * 60_000,
  });
  const shown = (items.data ?? []).filter((i) => matchesItem(i, q));
  const days = (n: number) => (n === 0 ? t("guide.sameDay") : t("guide.workdays", { n }));
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("public.guides")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("public.guidesIntro")}</Typography.Text>
      </div>
      <Card>
        <Input.Search
          allowClear
          size="large"
          placeholder={t("public.searchItems")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ marginBottom: 16 }}
          aria-label={t("public.searchItems")}
        />
        <QueryState
          query={items}
          isEmpty={() => shown.length === 0}
          empty={q.trim() ? t("public.noMatch") : t("public.noItems")}
        >
          {() => (
            <List
              dataSource={shown}
              renderItem={(i) => (
                <List.Item
                  key={i.code}
                  extra={
                    <Link to={`/public/items/${encodeURIComponent(i.code)}`}>
                      {t("public.viewGuide")} <RightOutlined />
                    </Link>
                  }
                >
                  <List.Item.Meta
                    title={<Link to={`/public/items/${encodeURIComponent(i.code)}`}>{i.name}</Link>}
                    description={
                      <Space size={4} wrap>
                        <Tag>{i.code}</Tag>
                        <Tag color="blue">{t(itemTypeKey[i.type])}</Tag>
                        <Tag color="geekblue">{t(caseKindKey[i.kind])}</Tag>
                        {i.stationAssist && <Tag color="green">{t("public.stationAssist")}</Tag>}
                        <Typography.Text type="secondary">
                          {t("guide.promised")}：{days(i.guide.promisedDays)} · {i.department}
                        </Typography.Text>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </QueryState>
      </Card>
    </Flex>
  );
}
