import { EditOutlined, EyeOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Flex, Input, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { trpcQuery } from "../../api/queries";
import type { CatalogEntry, CatalogList } from "../../api/types";
import { useDistrictManaged } from "../../components/district-managed";
import { CrudTable } from "../../components/kit/crud-table";
import { PageHeader } from "../../components/kit/page-header";
import { useI18n } from "../../i18n/i18n-context";
import { CatalogOwnerNote } from "./catalog-owner-note";

/** 事项管理 (hub): the 实施清单, every item with its versions; editing saves a new version. */
export function CatalogPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  const managed = useDistrictManaged();
  const list = useQuery({
    ...trpcQuery("admin.catalog.list"),
  });
  const words = q.trim().toLowerCase();
  const open = (code: string) => navigate(`/catalog/${encodeURIComponent(code)}`);
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("catalog.title")}
        subtitle={
          // A linked street's 清单 is the district's: no version of its own, nothing saved here
          // but its local items (the note below says which).
          managed
            ? t("catalog.introManaged")
            : list.data
              ? t("catalog.version", { n: list.data.catalogVersion })
              : t("catalog.intro")
        }
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!list.data?.editing.canAdd}
            onClick={() => navigate("/catalog/new")}
          >
            {t("catalog.new")}
          </Button>
        }
      />
      <CatalogOwnerNote editing={list.data?.editing} />
      <CrudTable<CatalogEntry, CatalogList>
        query={list}
        rows={(d) =>
          d.items.filter(
            (i) =>
              !words ||
              i.name.toLowerCase().includes(words) ||
              i.code.toLowerCase().includes(words),
          )
        }
        rowKey="code"
        empty={words ? t("public.noMatch") : t("catalog.empty")}
        toolbar={
          <Input.Search
            allowClear
            placeholder={t("catalog.search")}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ maxWidth: 360 }}
          />
        }
        onRowClick={(r) => open(r.code)}
        columns={[
          {
            title: t("catalog.code"),
            dataIndex: "code",
            width: 200,
            render: (v: string, r) => (
              <Flex gap={4} wrap>
                {v}
                {r.localStreet && <Tag color="gold">{t("localItems.tag")}</Tag>}
              </Flex>
            ),
          },
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
        ]}
        actions={(r) => [
          {
            key: "edit",
            label: r.editable ? t("common.edit") : t("localItems.view"),
            icon: r.editable ? <EditOutlined /> : <EyeOutlined />,
            onClick: () => open(r.code),
          },
        ]}
      />
    </Flex>
  );
}
