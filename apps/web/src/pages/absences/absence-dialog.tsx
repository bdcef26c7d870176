import { roleLabels } from "@bangban/domain";
import { useMutation } from "@tanstack/react-query";
import { DatePicker, Form, Input, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { api } from "../../api/trpc";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { pick } from "../../i18n/lang";

interface AbsenceValues {
  userId?: string;
  kind?: "leave" | "training" | "official" | "other";
  period?: [Dayjs, Dayjs];
  note?: string;
}

/** 登记请假: who, what kind, from which day to which day (both included), a note. */
export function AbsenceDialog(props: {
  open: boolean;
  staff: { id: string; displayName: string; role: string }[];
  kinds: { value: string; label: string }[];
  today: string;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<AbsenceValues>();
  const create = useMutation({
    mutationFn: (v: AbsenceValues) =>
      api.absences.create.mutate({
        userId: v.userId ?? "",
        kind: v.kind ?? "leave",
        from: v.period?.[0].format("YYYY-MM-DD") ?? "",
        to: v.period?.[1].format("YYYY-MM-DD") ?? "",
        note: v.note?.trim() || undefined,
      }),
  });
  return (
    <FormDialog<AbsenceValues>
      open={props.open}
      title={t("ab.record")}
      name="absence"
      form={form}
      initialValues={{ kind: "leave" }}
      onCancel={props.onCancel}
      onSubmit={(v) => create.mutateAsync(v)}
      onDone={props.onDone}
      // The server names from/to; both belong to the one period field here.
      errors={{ rename: (f) => (f === "from" || f === "to" ? ["period"] : [f]) }}
    >
      <Form.Item
        name="userId"
        label={t("ab.person")}
        rules={[{ required: true, message: t("ab.personRequired") }]}
      >
        <Select
          showSearch={{ optionFilterProp: "label" }}
          options={props.staff.map((s) => ({
            value: s.id,
            label: `${s.displayName}（${pick(roleLabels[s.role as keyof typeof roleLabels], lang)}）`,
          }))}
        />
      </Form.Item>
      <Form.Item name="kind" label={t("ab.kind")} rules={[{ required: true }]}>
        <Select options={props.kinds} />
      </Form.Item>
      <Form.Item
        name="period"
        label={t("ab.period")}
        extra={t("ab.periodHint")}
        rules={[{ required: true, message: t("ab.periodRequired") }]}
      >
        <DatePicker.RangePicker
          disabledDate={(d) => props.today !== "" && d.isBefore(dayjs(props.today), "day")}
        />
      </Form.Item>
      <Form.Item name="note" label={t("ab.note")}>
        <Input maxLength={200} showCount />
      </Form.Item>
    </FormDialog>
  );
}
