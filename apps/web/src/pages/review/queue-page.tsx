import { ReloadOutlined } from "@ant-design/icons";
import { caseStatusLabels } from "@bangban/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Checkbox, Flex, Form, Input, Select, Typography } from "antd";
import { useEffect } from "react";
import { useSearchParams } from "react-router";
import { trpcQuery } from "../../api/queries";
import { CaseTable } from "../../components/case-table";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { pick } from "../../i18n/lang";
import { colourMeta } from "../../lib/deadline";
import { useSites } from "../../lib/sites";
import {
  atSite,
  filterFromSearch,
  pageOf,
  QUEUE_PAGE,
  QUEUE_STATUSES,
  type QueueFilter,
  queueInputOf,
  SITE_SCAN_LIMIT,
  searchOfFilter,
} from "./queue-filter";

type FormValues = Omit<QueueFilter, "page">;

/**
 * 待办队列 (hub): the open cases of every site of the street, the nearest deadline first,
 * filtered by site, item, status and deadline colour; a row opens the case to work on it.
 */
export function QueuePage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter = filterFromSearch(params);
  const [form] = Form.useForm<FormValues>();
  const sites = useSites();
  const items = useQuery({
    ...trpcQuery("catalog.list", {}),
    staleTime: 5 * 60_000,
  });
  const input = queueInputOf(filter);
  const list = useQuery({
    ...trpcQuery("cases.list", input),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  // The form follows the address (back/forward, a shared link).
  const key = params.toString();
  useEffect(() => {
    const { page: _page, ...values } = filterFromSearch(new URLSearchParams(key));
    form.resetFields();
    form.setFieldsValue(values);
  }, [key]);
  const apply = (v: FormValues) => setParams(searchOfFilter({ ...v, page: 1 }));
  const setPage = (page: number) => setParams(searchOfFilter({ ...filter, page }));
  const shown = (d: NonNullable<typeof list.data>) => {
    if (!filter.siteId) return { rows: d.rows, total: d.total, truncated: false };
    const mine = atSite(d.rows, filter.siteId);
    return {
      rows: pageOf(mine, filter.page),
      total: mine.length,
      truncated: d.total > SITE_SCAN_LIMIT,
    };
  };
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("queue.title")}
          {list.data && (
            <Typography.Text type="secondary" style={{ fontSize: 14, marginInlineStart: 12 }}>
              {list.data.today}
            </Typography.Text>
          )}
        </Typography.Title>
        <Button
          icon={<ReloadOutlined />}
          loading={list.isFetching}
          onClick={() => void list.refetch()}
        >
          {t("common.refresh")}
        </Button>
      </Flex>
      <Card>
        <Form
          form={form}
          layout="inline"
          onFinish={apply}
          style={{ rowGap: 12, marginBottom: 16 }}
          name="queue-filter"
        >
          <Form.Item name="siteId" label={t("queue.site")}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              style={{ width: 200 }}
              loading={sites.isPending}
              placeholder={t("queue.allSites")}
              options={(sites.data ?? [])
                .filter((s) => s.kind !== "district")
                .map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="itemCode" label={t("case.item")}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              style={{ width: 220 }}
              loading={items.isPending}
              placeholder={t("queue.allItems")}
              options={(items.data ?? []).map((i) => ({
                value: i.code,
                label: `${i.name}（${i.code}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="statuses" label={t("case.status")}>
            <Select
              mode="multiple"
              allowClear
              style={{ minWidth: 180 }}
              placeholder={t("queue.allOpen")}
              options={QUEUE_STATUSES.map((s) => ({
                value: s,
                label: pick(caseStatusLabels[s], lang),
              }))}
            />
          </Form.Item>
          <Form.Item name="colour" label={t("queue.colour")}>
            <Select
              allowClear
              style={{ width: 120 }}
              placeholder={t("queue.allColours")}
              options={(["red", "yellow", "green", "none"] as const).map((c) => ({
                value: c,
                label: t(colourMeta(c).label),
              }))}
            />
          </Form.Item>
          <Form.Item name="caseNumber" label={t("case.number")}>
            <Input allowClear style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="awaiting" valuePropName="checked">
            <Checkbox>{t("queue.awaitingOnly")}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t("common.search")}
          </Button>
          <Button onClick={() => setParams(new URLSearchParams())}>{t("common.reset")}</Button>
        </Form>
        <QueryState
          query={list}
          isEmpty={(d) => shown(d).total === 0}
          empty={params.toString() ? t("queue.emptyFiltered") : t("queue.empty")}
        >
          {(d) => {
            const s = shown(d);
            return (
              <>
                {s.truncated && (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={t("queue.siteScan", { n: SITE_SCAN_LIMIT })}
                  />
                )}
                <CaseTable
                  rows={s.rows}
                  loading={list.isFetching}
                  showSites
                  pagination={{
                    current: filter.page,
                    pageSize: QUEUE_PAGE,
                    total: s.total,
                    onChange: setPage,
                    showSizeChanger: false,
                    showTotal: (n) => t("queue.total", { n }),
                  }}
                />
              </>
            );
          }}
        </QueryState>
      </Card>
    </Flex>
  );
}
