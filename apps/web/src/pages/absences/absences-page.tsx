import { PlusOutlined } from "@ant-design/icons";
import { ABSENCE_KINDS, type AbsenceKind, absenceKindLabels, roleLabels } from "@bangban/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Flex, Space, Switch, Tag, Typography } from "antd";
import { useState } from "react";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import { CrudTable } from "../../components/kit/crud-table";
import { PageHeader } from "../../components/kit/page-header";
import { useI18n } from "../../i18n/i18n-context";
import { pick } from "../../i18n/lang";
import { type BoardRow, boardRows, cancellable } from "./absence-board";
import { AbsenceDialog } from "./absence-dialog";

type Board = Awaited<ReturnType<typeof api.absences.list.query>>;
type Row = BoardRow<Board["staff"][number], Board["absences"][number]>;
type AbsenceRow = Board["absences"][number];

/** 请假与AB岗 (station lead, center lead): who is away now and next, each person's B岗. */
export function AbsencesPage() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [includePast, setIncludePast] = useState(false);
  const board = useQuery(trpcQuery("absences.list", { includePast }));
  const cancel = useMutation({ mutationFn: (id: string) => api.absences.cancel.mutate({ id }) });
  const refresh = () => client.invalidateQueries(pathFilter("absences.list"));
  const kind = (k: string) => pick(absenceKindLabels[k as AbsenceKind], lang);
  const period = (a: { from: string; to: string } | null) =>
    a ? (a.from === a.to ? a.from : `${a.from} — ${a.to}`) : "—";
  const today = board.data?.today ?? "";
  const askCancel = (a: AbsenceRow) =>
    modal.confirm({
      title: t("ab.cancelConfirm", { name: a.userName, period: period(a) }),
      okText: t("ab.cancel"),
      okButtonProps: { danger: true },
      onOk: async () => {
        await cancel.mutateAsync(a.id);
        message.success(t("ab.cancelled"));
        await refresh();
      },
    });
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("ab.title")}
        subtitle={t("ab.intro")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t("ab.record")}
          </Button>
        }
      />
      <Card title={t("ab.board")} size="small">
        <CrudTable<Row, Board>
          query={board}
          rows={(d) => boardRows(d.staff, d.absences, d.today)}
          rowKey={(r) => r.person.id}
          empty={t("ab.noStaff")}
          columns={[
            {
              title: t("ab.person"),
              render: (_, r) => (
                <Space>
                  {r.person.displayName}
                  <Typography.Text type="secondary">
                    {pick(roleLabels[r.person.role], lang)}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t("ab.now"),
              render: (_, r) =>
                r.now ? (
                  <Tag color="orange">
                    {kind(r.now.kind)} {period(r.now)}
                  </Tag>
                ) : (
                  <Tag color="green">{t("ab.atWork")}</Tag>
                ),
            },
            {
              title: t("ab.next"),
              render: (_, r) => (r.next ? `${kind(r.next.kind)} ${period(r.next)}` : "—"),
            },
            {
              title: t("ab.backup"),
              render: (_, r) =>
                r.backupName ? (
                  <Space>
                    {r.backupName}
                    {r.backupUnavailable && <Tag color="red">{t("ab.backupAway")}</Tag>}
                  </Space>
                ) : (
                  <Typography.Text type="warning">{t("ab.noBackup")}</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Card
        title={t("ab.list")}
        size="small"
        extra={
          <Space>
            {t("ab.includePast")}
            <Switch size="small" checked={includePast} onChange={setIncludePast} />
          </Space>
        }
      >
        <CrudTable<AbsenceRow, Board>
          query={board}
          rows={(d) => d.absences}
          rowKey="id"
          empty={t("ab.noAbsences")}
          columns={[
            { title: t("ab.person"), dataIndex: "userName" },
            { title: t("ab.kind"), dataIndex: "kind", render: (k: string) => kind(k) },
            { title: t("ab.period"), render: (_, a) => period(a) },
            { title: t("ab.note"), dataIndex: "note", render: (n: string) => n || "—" },
            { title: t("ab.recordedBy"), dataIndex: "recordedByName" },
            {
              title: t("ab.state"),
              render: (_, a) =>
                a.cancelledAt ? (
                  <Tag>{t("ab.cancelled")}</Tag>
                ) : (
                  <Tag color="blue">{t("ab.live")}</Tag>
                ),
            },
          ]}
          actions={(a) => [
            {
              key: "cancel",
              label: t("ab.cancel"),
              danger: true,
              show: cancellable(a, today),
              onClick: () => askCancel(a),
            },
          ]}
        />
      </Card>
      <AbsenceDialog
        open={open}
        staff={(board.data?.staff ?? []).filter((s) => s.active)}
        kinds={ABSENCE_KINDS.map((k) => ({ value: k, label: kind(k) }))}
        today={today}
        onCancel={() => setOpen(false)}
        onDone={async () => {
          setOpen(false);
          message.success(t("common.saved"));
          await refresh();
        }}
      />
    </Flex>
  );
}
