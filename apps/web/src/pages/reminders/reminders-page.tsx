import { CheckOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { App, Badge, Button, Card, Flex, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { trpcQuery } from "../../api/queries";
import { CursorPager } from "../../components/kit/cursor-pager";
import { PageHeader } from "../../components/kit/page-header";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { pick } from "../../i18n/lang";
import { useCursorPages } from "../../lib/use-cursor-pages";
import { dueTag, type ReminderRow, reminderLink, severityTag, unreadIds } from "./reminders-view";
import { useMarkRemindersRead } from "./use-reminders";

const PAGE = 50;

/**
 * 待办提醒: what the time rules told the signed-in user, newest first — how urgent, what is
 * due, for which case, by when. The next action is opening the case (办理), which also marks
 * the reminder read.
 */
export function RemindersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<"all" | "unread">("unread");
  const pages = useCursorPages<{ firesOn: string; id: string }>();
  const list = useQuery({
    ...trpcQuery("reminders.list", {
      unreadOnly: filter === "unread",
      limit: PAGE,
      ...(pages.before ? { before: pages.before } : {}),
    }),
    refetchInterval: 30_000,
  });
  const mark = useMarkRemindersRead();
  const unread = list.data?.unread ?? 0;
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("reminders.title")}
        subtitle={t("reminders.hint")}
        extra={
          <Space>
            <Segmented
              value={filter}
              onChange={(v) => {
                setFilter(v as "all" | "unread");
                pages.reset();
              }}
              options={[
                { value: "unread", label: `${t("reminders.filter.unread")} (${unread})` },
                { value: "all", label: t("reminders.filter.all") },
              ]}
            />
            <Button
              icon={<CheckOutlined />}
              disabled={unread === 0}
              loading={mark.isPending}
              data-testid="reminders-mark-all"
              onClick={() =>
                mark.mutate("all", {
                  onSuccess: () => message.success(t("reminders.markAllReadDone")),
                })
              }
            >
              {t("reminders.markAllRead")}
            </Button>
          </Space>
        }
      />
      <Card size="small">
        <QueryState
          query={list}
          isEmpty={(d) => d.rows.length === 0 && pages.depth === 0}
          empty={t(filter === "unread" ? "reminders.emptyUnread" : "reminders.empty")}
        >
          {(d) => (
            <Flex vertical gap={8}>
              <ReminderTable
                rows={d.rows}
                today={d.today}
                onRead={(ids) => ids.length > 0 && mark.mutate(ids)}
              />
              <CursorPager
                depth={pages.depth}
                next={d.next}
                onNewer={pages.newer}
                onOlder={pages.older}
                newerLabel={t("reminders.newer")}
                olderLabel={t("reminders.older")}
              />
            </Flex>
          )}
        </QueryState>
      </Card>
    </Flex>
  );
}

function ReminderTable(props: {
  rows: ReminderRow[];
  today: string;
  onRead: (ids: string[]) => void;
}) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const open = (r: ReminderRow) => {
    props.onRead(unreadIds([r]));
    navigate(reminderLink(r));
  };
  return (
    <Table<ReminderRow>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={props.rows}
      data-testid="reminders-table"
      columns={[
        {
          title: t("reminders.col.read"),
          key: "read",
          width: 72,
          render: (_, r) =>
            r.readAt === null ? (
              <Badge status="error" text={t("reminders.unread")} />
            ) : (
              <Badge status="default" text={t("reminders.read")} />
            ),
        },
        {
          title: t("reminders.col.severity"),
          key: "severity",
          width: 84,
          render: (_, r) => {
            const tag = severityTag(r.severity);
            return <Tag color={tag.colour}>{t(tag.label)}</Tag>;
          },
        },
        {
          title: t("reminders.col.what"),
          key: "what",
          render: (_, r) => (
            <Typography.Text strong={r.readAt === null}>
              {pick({ zh: r.textZh, en: r.textEn }, lang)}
            </Typography.Text>
          ),
        },
        {
          title: t("reminders.col.case"),
          key: "case",
          render: (_, r) => (
            <Flex vertical>
              <Link to={reminderLink(r)} onClick={() => props.onRead(unreadIds([r]))}>
                {r.caseNumber}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.itemName}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t("reminders.col.due"),
          key: "due",
          width: 180,
          render: (_, r) => {
            const tag = dueTag(r.dueOn, props.today);
            return (
              <Space size={4}>
                <Tag color={tag.colour} data-overdue={tag.colour === "error"}>
                  {t(tag.label, tag.params)}
                </Tag>
                <Typography.Text type="secondary">{r.dueOn}</Typography.Text>
              </Space>
            );
          },
        },
        { title: t("reminders.col.fired"), dataIndex: "firesOn", width: 100 },
        {
          key: "actions",
          width: 150,
          render: (_, r) => (
            <Space size={4}>
              <Button size="small" type="primary" onClick={() => open(r)}>
                {t("reminders.open")}
              </Button>
              {r.readAt === null && (
                <Button size="small" type="link" onClick={() => props.onRead([r.id])}>
                  {t("reminders.markRead")}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
