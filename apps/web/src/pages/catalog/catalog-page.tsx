import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Flex, Input, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/trpc";
import type { CatalogEntry } from "../../api/types";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";

/** 事项管理 (hub): the 实施清单, every item with its versions; editing saves a new version. */
export function CatalogPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  const list = useQuery({
    queryKey: ["admin.catalog.list"],
    queryFn: () => api.admin.catalog.list.query(),
  });
  const words = q.trim().toLowerCase();
  const shown = (list.data?.items ?? []).filter(
    (i) => !words || i.name.toLowerCase().includes(words) || i.code.toLowerCase().includes(words),
  );
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("catalog.title")}
          </Typography.Title>
          <Typography.Text type="secondary">
            {list.data ? t("catalog.version", { n: list.data.catalogVersion }) : t("catalog.intro")}
          </Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/catalog/new")}>
          {t("catalog.new")}
        </Button>
      </Flex>
      <Card>
        <Input.Search
          allowClear
          placeholder={t("catalog.search")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 360, marginBottom: 16 }}
        />
        <QueryState
          query={list}
          isEmpty={() => shown.length === 0}
          empty={words ? t("public.noMatch") : t("catalog.empty")}
        >
          {() => (
            <Table<CatalogEntry>
              rowKey="code"
              size="middle"
              dataSource={shown}
              pagination={false}
              onRow={(r) => ({
                onClick: () => navigate(`/catalog/${encodeURIComponent(r.code)}`),
                style: { cursor: "pointer" },
              })}
              columns={[
                { title: t("catalog.code"), dataIndex: "code", width: 140 },
                {
                  title: t("catalog.name"),
                  dataIndex: "name",
                  render: (v: string, r) => (
                    <Link
                      to={`/catalog/${encodeURIComponent(r.code)}`}
                      onClick={(e) => e.stopPropagation()}
                    >
                      {v}
                    </Link>
                  ),
                },
                {
                  title: t("catalog.latest"),
                  dataIndex: "latestVersion",
                  width: 120,
                  render: (v: number) => <Tag color="blue">{t("catalog.versionN", { n: v })}</Tag>,
                },
                {
                  title: t("catalog.effectiveFrom"),
                  key: "effective",
                  width: 140,
                  render: (_: unknown, r) => r.versions.at(-1)?.effectiveFrom ?? "—",
                },
                {
                  title: t("catalog.versions"),
                  key: "count",
                  width: 100,
                  render: (_: unknown, r) => r.versions.length,
                },
                {
                  key: "edit",
                  width: 90,
                  render: (_: unknown, r) => (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={(e) => {
                        e.stopPropagation();
                        navigate(`/catalog/${encodeURIComponent(r.code)}`);
                      }}
                    >
                      {t("common.edit")}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Flex>
  );
}
