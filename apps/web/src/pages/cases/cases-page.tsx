import { CASE_STATUSES, caseStatusLabels } from "@bangban/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button, Card, Flex, Form, Input, Select, Space } from "antd";
import { useState } from "react";
import { trpcQuery } from "../../api/queries";
import type { ListInput } from "../../api/types";
import { CaseTable } from "../../components/case-table";
import { ExportButtons } from "../../components/export-buttons";
import { PageHeader } from "../../components/kit/page-header";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { pick } from "../../i18n/lang";
import { localToday } from "../../lib/today";
import { idFinished } from "../../lib/validators";
import { PurposeFields } from "../case/reveal-id-dialog";
import { type CaseSearch, listInputOf } from "./case-search";
import { ExportRevealButton } from "./export-reveal-dialog";

const PAGE = 20;

/** All cases at this station, searchable by number, name, ID number and status. */
export function CasesPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<CaseSearch>();
  const [search, setSearch] = useState<CaseSearch>({});
  // A search by full ID number asks why (it is audited); other searches do not.
  const idTyped = Form.useWatch("idNumber", form);
  const kind = Form.useWatch("kind", form);
  const [page, setPage] = useState(1);
  const input: ListInput = { ...listInputOf(search), limit: PAGE, offset: (page - 1) * PAGE };
  const list = useQuery({
    ...trpcQuery("cases.list", input),
    placeholderData: keepPreviousData,
  });
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("cases.title")}
        extra={
          <Space wrap>
            <ExportButtons kind="cases" filters={listInputOf(search)} />
            <ExportRevealButton filters={listInputOf(search)} />
          </Space>
        }
      />
      <Card>
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => {
            setSearch(v);
            setPage(1);
          }}
          style={{ rowGap: 12, marginBottom: 16 }}
        >
          <Form.Item name="caseNumber" label={t("case.number")}>
            <Input allowClear style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="applicantName" label={t("case.applicantName")}>
            <Input allowClear style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t("person.idNumber")}
            validateTrigger="onBlur"
            rules={[{ validator: idFinished(localToday(), lang) }]}
          >
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          {idTyped?.trim() && <PurposeFields kind={kind} label={t("cases.purpose")} />}
          <Form.Item name="statuses" label={t("case.status")}>
            <Select
              mode="multiple"
              allowClear
              style={{ minWidth: 180 }}
              options={CASE_STATUSES.map((s) => ({
                value: s,
                label: pick(caseStatusLabels[s], lang),
              }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t("common.search")}
          </Button>
        </Form>
        <QueryState query={list} isEmpty={(d) => d.total === 0} empty={t("cases.empty")}>
          {(d) => (
            <CaseTable
              rows={d.rows}
              loading={list.isFetching}
              pagination={{
                current: page,
                pageSize: PAGE,
                total: d.total,
                onChange: setPage,
                showSizeChanger: false,
              }}
            />
          )}
        </QueryState>
      </Card>
    </Flex>
  );
}
