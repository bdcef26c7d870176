import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Select, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import type { QueryOutput } from "../../api/keys";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import { FormDialog } from "../../components/kit/form-dialog";
import { PageHeader } from "../../components/kit/page-header";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";
import { dueTag, fallbackStageTag, isOverdue } from "./complaint-view";
import { useMayRegister } from "./use-may-register";
import { useNames } from "./use-names";

type Board = QueryOutput<"complaints.board">;
type Row = Board["fallbacks"][number];
interface FallbackValues {
  matter: string;
  coordinatorId: string;
  deadline: Dayjs;
  name?: string;
  phone?: string;
}

/** 办不成事 board (center lead): every 兜底 record with its coordinator and deadline, and the staff flagged for removal. */
export function DeskBoardPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const board = useQuery(trpcQuery("complaints.board", { kind: "fallback", state: "all" }));
  const staff = useQuery(trpcQuery("complaints.staff"));
  const names = useNames();
  const mayRegister = useMayRegister();
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("desk.title")}
        subtitle={t("desk.hint")}
        extra={
          mayRegister && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t("desk.register")}
            </Button>
          )
        }
      />
      <QueryState query={board} empty={t("complaints.empty")}>
        {(d) => (
          <>
            {d.flagged.length > 0 && (
              <Alert
                type="error"
                showIcon
                message={t("desk.flagged", { n: d.threshold })}
                description={d.flagged
                  .map(
                    (f) => `${f.name}（${f.siteId ? names.site(f.siteId) : ""}）${f.substantiated}`,
                  )
                  .join("；")}
              />
            )}
            <Card size="small">
              <Table<Row>
                size="small"
                rowKey="id"
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                dataSource={d.fallbacks}
                data-testid="desk-table"
                rowClassName={(r) => (isOverdue(r) ? "row-overdue" : "")}
                columns={[
                  {
                    title: t("complaints.col.registeredOn"),
                    dataIndex: "registeredOn",
                    width: 110,
                  },
                  {
                    title: t("complaints.col.stage"),
                    key: "stage",
                    width: 100,
                    render: (_, r) => {
                      const s = fallbackStageTag(r.stage);
                      const o = r.outcome
                        ? ` · ${t(`desk.outcome.${r.outcome}` as MessageKey)}`
                        : "";
                      return (
                        <Tag color={s.colour}>
                          {t(s.label)}
                          {o}
                        </Tag>
                      );
                    },
                  },
                  {
                    title: t("desk.matter"),
                    key: "matter",
                    render: (_, r) => <Link to={`/complaints/${r.id}`}>{r.content}</Link>,
                  },
                  { title: t("desk.coordinator"), dataIndex: "coordinatorName", width: 120 },
                  {
                    title: t("desk.deadline"),
                    key: "deadline",
                    width: 160,
                    render: (_, r) =>
                      r.dues.length
                        ? r.dues.map((due) => {
                            const tag = dueTag(due);
                            return (
                              <Tag key={due.what} color={tag.colour}>
                                {tag.date}
                              </Tag>
                            );
                          })
                        : r.deadline,
                  },
                ]}
              />
            </Card>
          </>
        )}
      </QueryState>
      <FormDialog<FallbackValues>
        open={open}
        name="desk-register"
        title={t("desk.register")}
        onSubmit={(v) =>
          api.complaints.registerFallback.mutate({
            matter: v.matter,
            coordinatorId: v.coordinatorId,
            deadline: v.deadline.format("YYYY-MM-DD"),
            complainant: v.name?.trim() ? { name: v.name, phone: v.phone ?? "" } : null,
          })
        }
        onDone={() => {
          setOpen(false);
          void client.invalidateQueries(pathFilter("complaints.board"));
        }}
        onCancel={() => setOpen(false)}
        errors={{
          rename: (f) => [f.startsWith("complainant.") ? f.slice("complainant.".length) : f],
        }}
        footnote={t("complaints.confidential")}
      >
        <Form.Item
          name="matter"
          label={t("desk.matter")}
          rules={[{ required: true, whitespace: true, message: t("desk.matterRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="coordinatorId"
          label={t("desk.coordinator")}
          rules={[{ required: true, message: t("desk.coordinatorRequired") }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={t("desk.deadline")}
          rules={[{ required: true, message: t("desk.deadlineRequired") }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="name" label={t("complaints.name")}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t("complaints.phone")}>
          <Input maxLength={30} />
        </Form.Item>
      </FormDialog>
    </Flex>
  );
}
