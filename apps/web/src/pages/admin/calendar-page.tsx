import { DeleteOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Select, Space, Tag } from "antd";
import { useEffect, useState } from "react";
import { apiErrorOf } from "../../api/errors";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import { DistrictManagedNote, useDistrictManaged } from "../../components/district-managed";
import { CrudTable } from "../../components/kit/crud-table";
import { FormDialog } from "../../components/kit/form-dialog";
import { PageHeader } from "../../components/kit/page-header";
import { useI18n } from "../../i18n/i18n-context";
import {
  addRow,
  type CalendarDraft,
  draftOf,
  isWeekend,
  type OverrideRow,
  parseYears,
  refusedAt,
  removeRow,
  updateInput,
  weekdayKey,
} from "./calendar-form";

type StoredTable = Parameters<typeof draftOf>[0];

/**
 * 工作日调整 (hub): corrections to the built-in holiday table — next year's 调休 once the State
 * Council publishes it, a local closure. Saved whole, checked against the version it was read
 * at; the hub's and its stations' open cases take the new due dates at once.
 */
export function CalendarPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const stored = useQuery(trpcQuery("admin.calendar.get", undefined));
  const [draft, setDraft] = useState<CalendarDraft | null>(null);
  const [adding, setAdding] = useState(false);
  const [yearsError, setYearsError] = useState<string | null>(null);
  const readOnly = useDistrictManaged();
  useEffect(() => {
    if (stored.data) setDraft(draftOf(stored.data));
  }, [stored.data]);
  const save = useMutation({
    mutationFn: (d: CalendarDraft) => api.admin.calendar.update.mutate(updateInput(d)),
    onSuccess: async () => {
      message.success(t("calendar.saved"));
      await client.invalidateQueries(pathFilter("admin.calendar.get"));
    },
  });
  const refusal = save.error ? apiErrorOf(save.error) : null;
  const at = refusal ? refusedAt(refusal.field) : null;
  const builtin = stored.data?.builtinYears;
  const setYears = (values: (string | number)[]) => {
    const r = parseYears(values);
    if (!r.ok) return setYearsError(t("calendar.yearFormat", { value: r.bad }));
    setYearsError(null);
    if (draft) setDraft({ ...draft, coveredYears: r.years });
  };
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("calendar.title")}
        subtitle={
          builtin
            ? t(readOnly ? "calendar.builtinManaged" : "calendar.builtin", {
                first: builtin.first,
                last: builtin.last,
              })
            : undefined
        }
        help={t("calendar.help")}
        extra={
          !readOnly && (
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!draft}>
                {t("calendar.add")}
              </Button>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={save.isPending}
                disabled={!draft || yearsError !== null}
                onClick={() => draft && save.mutate(draft)}
              >
                {t("calendar.save")}
              </Button>
            </Space>
          )
        }
      />
      <DistrictManagedNote />
      {refusal && (
        <Alert
          type="error"
          showIcon
          data-testid="calendar-refusal"
          title={
            at?.kind === "row"
              ? t("calendar.refusedRow", { date: at.date, reason: refusal[lang] || refusal.zh })
              : refusal[lang] || refusal.zh
          }
        />
      )}
      <Card size="small" title={t("calendar.coveredYears")}>
        <Form layout="vertical" component={false}>
          <Form.Item
            extra={t(readOnly ? "calendar.coveredYearsHintManaged" : "calendar.coveredYearsHint")}
            validateStatus={yearsError || at?.kind === "years" ? "error" : undefined}
            help={yearsError ?? (at?.kind === "years" ? refusal?.[lang] || refusal?.zh : undefined)}
          >
            {readOnly ? (
              <Space wrap>
                {draft?.coveredYears.length
                  ? draft.coveredYears.map((y) => <Tag key={y}>{y}</Tag>)
                  : t("calendar.coveredYearsNone")}
              </Space>
            ) : (
              <Select
                mode="tags"
                style={{ maxWidth: 480 }}
                placeholder={t("calendar.coveredYearsPlaceholder")}
                value={(draft?.coveredYears ?? []).map(String)}
                onChange={setYears}
                tokenSeparators={[",", " ", "，"]}
                open={false}
              />
            )}
          </Form.Item>
        </Form>
      </Card>
      <CrudTable<OverrideRow, StoredTable>
        query={stored}
        // The rows being edited, not the stored ones: the table is saved whole.
        rows={() => draft?.rows ?? []}
        rowKey="date"
        empty={t("calendar.empty")}
        columns={[
          { title: t("calendar.date"), dataIndex: "date", width: 140 },
          {
            title: t("calendar.weekday"),
            dataIndex: "date",
            key: "weekday",
            render: (d: string) => t(weekdayKey(d)),
          },
          {
            title: t("calendar.kind"),
            dataIndex: "kind",
            render: (k: OverrideRow["kind"], row) => (
              <Space>
                <Tag color={k === "work" ? "blue" : "green"}>{t(`calendar.kind.${k}`)}</Tag>
                {k === "work" && isWeekend(row.date) && t("calendar.makeUp")}
                {k === "rest" && !isWeekend(row.date) && t("calendar.closure")}
              </Space>
            ),
          },
        ]}
        actions={
          readOnly
            ? undefined
            : (row) => [
                {
                  key: "remove",
                  label: t("calendar.remove"),
                  icon: <DeleteOutlined />,
                  danger: true,
                  onClick: () =>
                    draft && setDraft({ ...draft, rows: removeRow(draft.rows, row.date) }),
                },
              ]
        }
      />
      <AddDayDialog
        open={adding}
        rows={draft?.rows ?? []}
        onCancel={() => setAdding(false)}
        onAdd={(rows) => {
          if (draft) setDraft({ ...draft, rows });
          setAdding(false);
        }}
      />
    </Flex>
  );
}

/** 新增日期: a day and 上班/休息, checked here (real date, not listed yet) before it joins the table. */
function AddDayDialog(props: {
  open: boolean;
  rows: readonly OverrideRow[];
  onCancel: () => void;
  onAdd: (rows: OverrideRow[]) => void;
}) {
  const { t } = useI18n();
  return (
    <FormDialog<OverrideRow, OverrideRow[]>
      open={props.open}
      title={t("calendar.add")}
      name="calendar-add"
      initialValues={{ date: "", kind: "work" }}
      intro={t("calendar.addIntro")}
      onCancel={props.onCancel}
      onSubmit={async (v) => {
        const r = addRow(props.rows, v);
        if (!r.ok) throw { code: "INVALID", field: "date", zh: t(r.error), en: t(r.error) };
        return r.rows;
      }}
      onDone={props.onAdd}
    >
      <Form.Item
        name="date"
        label={t("calendar.date")}
        extra={t("calendar.dateHint")}
        rules={[{ required: true, whitespace: true, message: t("calendar.dateFormat") }]}
      >
        <Input maxLength={10} placeholder="2027-02-06" style={{ fontFamily: "monospace" }} />
      </Form.Item>
      <Form.Item name="kind" label={t("calendar.kind")}>
        <Radio.Group
          options={[
            { value: "work", label: t("calendar.kind.work") },
            { value: "rest", label: t("calendar.kind.rest") },
          ]}
        />
      </Form.Item>
    </FormDialog>
  );
}
