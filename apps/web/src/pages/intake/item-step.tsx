import { useQuery } from "@tanstack/react-query";
import { Col, Empty, Form, Input, Radio, Row, Skeleton, Space, Tag, Typography } from "antd";
import { useRef, useState } from "react";
import { trpcQuery } from "../../api/queries";
import type { CatalogItem } from "../../api/types";
import { ErrorAlert } from "../../components/error-alert";
import { ItemGuide } from "../../components/item-guide";
import { useI18n } from "../../i18n/i18n-context";
import { matchesItem } from "./item-search";

export function useCatalog(assistOnly: boolean) {
  return useQuery({
    ...trpcQuery("catalog.list", { assistOnly }),
    staleTime: 5 * 60_000,
  });
}

/**
 * Step 1: the item. Type to filter, ↓ to reach the list, ↑/↓ to choose, Enter to go on.
 * The chosen item's 办事指南 is shown beside the list.
 */
export function ItemStep({ assistOnly, locked }: { assistOnly: boolean; locked: boolean }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const catalog = useCatalog(assistOnly);
  const [query, setQuery] = useState("");
  const listRef = useRef<HTMLDivElement>(null);
  const code = Form.useWatch<string | undefined>("itemCode");
  if (catalog.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (catalog.isError)
    return <ErrorAlert error={catalog.error} onRetry={() => void catalog.refetch()} />;
  const items = catalog.data.filter((i) => matchesItem(i, query));
  const chosen = catalog.data.find((i) => i.code === code);
  const focusList = () =>
    listRef.current
      ?.querySelector<HTMLInputElement>("input[type=radio]:checked, input[type=radio]")
      ?.focus();
  return (
    <Row gutter={24}>
      <Col xs={24} md={10}>
        <Input.Search
          autoFocus={!locked}
          allowClear
          value={query}
          disabled={locked}
          placeholder={t("intake.item.search")}
          aria-label={t("intake.item.search")}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") {
              e.preventDefault();
              focusList();
            } else if (e.key === "Enter" && !chosen && items[0]) {
              e.preventDefault();
              form.setFieldValue("itemCode", items[0].code);
            }
          }}
          style={{ marginBottom: 12 }}
        />
        <div ref={listRef} style={{ maxHeight: 460, overflow: "auto" }}>
          {items.length === 0 ? (
            <Empty description={t("intake.item.none")} />
          ) : (
            <Form.Item
              name="itemCode"
              rules={[{ required: true, message: t("intake.item.required") }]}
            >
              <Radio.Group style={{ width: "100%" }}>
                <Space orientation="vertical" style={{ width: "100%" }}>
                  {items.map((i) => (
                    <ItemOption key={i.code} item={i} />
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
          )}
        </div>
      </Col>
      <Col xs={24} md={14}>
        {chosen ? (
          <ItemGuide item={chosen} />
        ) : (
          <Empty description={t("intake.item.pick")} style={{ marginTop: 48 }} />
        )}
      </Col>
    </Row>
  );
}

function ItemOption({ item }: { item: CatalogItem }) {
  const { t } = useI18n();
  return (
    <Radio value={item.code} style={{ padding: "6px 0", width: "100%" }}>
      <span>{item.name}</span>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
        {item.code}
      </Typography.Text>
      {!item.stationAssist && (
        <Tag style={{ marginInlineStart: 8 }}>{t("intake.item.notAssist")}</Tag>
      )}
    </Radio>
  );
}
