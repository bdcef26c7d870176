import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Flex, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import { ExportButtons } from "../../components/export-buttons";
import { PageHeader } from "../../components/kit/page-header";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";
import { ComplainantText } from "./complainant-text";
import { type ComplaintRow, dueTag, isOverdue, stageTag, targetText } from "./complaint-view";
import { RegisterDialog } from "./register-dialog";
import { useMayRegister } from "./use-may-register";
import { useNames } from "./use-names";

type Filter = "open" | "closed" | "all";

/** 投诉台账: every complaint in the caller's scope, its stage, deadlines (red when passed), target, masked complainant. */
export function ComplaintsPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [filter, setFilter] = useState<Filter>("open");
  const [open, setOpen] = useState(false);
  const list = useQuery({
    ...trpcQuery("complaints.list", { kind: "complaint", state: filter }),
    refetchInterval: 60_000,
  });
  const names = useNames();
  const mayRegister = useMayRegister();
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("complaints.title")}
        subtitle={t("complaints.hint")}
        extra={
          <Space wrap>
            <ExportButtons kind="complaints" filters={{ kind: "complaint", state: filter }} />
            {mayRegister && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
                {t("complaints.register")}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small">
        <Flex vertical gap={8}>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: "open", label: t("complaints.filter.open") },
              { value: "closed", label: t("complaints.filter.closed") },
              { value: "all", label: t("complaints.filter.all") },
            ]}
          />
          <QueryState
            query={list}
            isEmpty={(d) => d.rows.length === 0}
            empty={t("complaints.empty")}
          >
            {(d) => (
              <Table<ComplaintRow>
                size="small"
                rowKey="id"
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                dataSource={d.rows}
                data-testid="complaints-table"
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
                    width: 90,
                    render: (_, r) => {
                      const s = stageTag(r.stage);
                      return <Tag color={s.colour}>{t(s.label)}</Tag>;
                    },
                  },
                  {
                    title: t("complaints.col.content"),
                    key: "content",
                    render: (_, r) => (
                      <Link to={`/complaints/${r.id}`}>
                        <Typography.Text ellipsis style={{ maxWidth: 320 }}>
                          {r.content}
                        </Typography.Text>
                      </Link>
                    ),
                  },
                  {
                    title: t("complaints.col.target"),
                    key: "target",
                    width: 200,
                    render: (_, r) => targetText(r.target, names) || "—",
                  },
                  {
                    title: t("complaints.col.channel"),
                    key: "channel",
                    width: 120,
                    render: (_, r) =>
                      r.channel ? t(`complaints.channel.${r.channel}` as MessageKey) : "—",
                  },
                  {
                    title: t("complaints.col.complainant"),
                    key: "complainant",
                    width: 160,
                    render: (_, r) => <ComplainantText row={r} />,
                  },
                  {
                    title: t("complaints.col.dues"),
                    key: "dues",
                    width: 200,
                    render: (_, r) =>
                      r.dues.map((due) => {
                        const tag = dueTag(due);
                        return (
                          <Tag key={due.what} color={tag.colour}>
                            {t(tag.label)} {tag.date}
                          </Tag>
                        );
                      }),
                  },
                ]}
              />
            )}
          </QueryState>
        </Flex>
      </Card>
      <RegisterDialog
        open={open}
        onClose={(saved) => {
          setOpen(false);
          if (saved) void client.invalidateQueries(pathFilter("complaints.list"));
        }}
      />
    </Flex>
  );
}
