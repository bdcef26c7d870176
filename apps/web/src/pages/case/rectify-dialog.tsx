import { DatePicker, Form, Input, Radio } from "antd";
import type { Dayjs } from "dayjs";
import { api } from "../../api/trpc";
import type { CaseCommandResult, CaseDetail } from "../../api/types";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import type { RectifyEvent } from "./rectify-actions";
import { useCaseCommand } from "./use-case-command";

interface Values {
  kind?: "immediate" | "ledger" | "no_legal_basis";
  due?: Dayjs;
  explanation?: string;
  note?: string;
  text?: string;
  reached?: boolean;
  result?: string;
  satisfied?: boolean;
  reason?: string;
  upheld?: boolean;
}

const LABEL: Record<
  RectifyEvent,
  "rectify.classify" | "rectify.record" | "rectify.callback" | "rectify.appeal" | "rectify.decide"
> = {
  rectify_classify: "rectify.classify",
  rectify_record: "rectify.record",
  rectify_callback: "rectify.callback",
  rectify_appeal: "rectify.appeal",
  rectify_appeal_decide: "rectify.decide",
};

/** Sends one 差评整改 step; the server's machine checks who may take it (谁办理谁负责). */
function send(caseId: string, ratingEventId: string, step: RectifyEvent, v: Values) {
  const base = { caseId, ratingEventId };
  const r = api.rectify;
  switch (step) {
    case "rectify_classify":
      return r.classify.mutate({
        ...base,
        kind: v.kind ?? "immediate",
        due: v.due?.format("YYYY-MM-DD"),
        explanation: v.explanation,
        note: v.note || undefined,
      });
    case "rectify_record":
      return r.record.mutate({ ...base, text: v.text ?? "" });
    case "rectify_callback":
      return r.callback.mutate({
        ...base,
        reached: v.reached ?? false,
        result: v.result ?? "",
        satisfied: v.reached ? v.satisfied : undefined,
      });
    case "rectify_appeal":
      return r.appeal.mutate({ ...base, reason: v.reason ?? "" });
    case "rectify_appeal_decide":
      return r.decide.mutate({ ...base, upheld: v.upheld ?? false, reason: v.reason ?? "" });
  }
}

/** One dialog for the five steps: the fields of the step asked for. */
export function RectifyDialog(props: {
  detail: CaseDetail;
  ratingEventId: string;
  step: RectifyEvent | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  const reached = Form.useWatch("reached", form);
  const { step } = props;
  const command = useCaseCommand(
    props.detail.caseId,
    (v: Values): Promise<CaseCommandResult> =>
      send(props.detail.caseId, props.ratingEventId, step ?? "rectify_record", v),
  );
  const need = (message: string) => [{ required: true, whitespace: true, message }];
  const area = <Input.TextArea rows={3} maxLength={500} showCount />;
  return (
    <FormDialog<Values>
      name="rectify"
      form={form}
      open={step !== null}
      title={step ? t(LABEL[step]) : ""}
      initialValues={{ kind: "immediate", reached: true, upheld: false }}
      onCancel={props.onClose}
      onSubmit={(v) => command.mutateAsync(v)}
      onDone={props.onClose}
    >
      {step === "rectify_classify" && (
        <>
          <Form.Item
            name="kind"
            label={t("rectify.kindLabel")}
            rules={[{ required: true, message: t("rectify.kindRequired") }]}
          >
            <Radio.Group
              options={(["immediate", "ledger", "no_legal_basis"] as const).map((k) => ({
                value: k,
                label: t(`rectify.kind.${k}`),
              }))}
            />
          </Form.Item>
          {kind === "ledger" && (
            <Form.Item
              name="due"
              label={t("rectify.due")}
              rules={[{ required: true, message: t("rectify.dueRequired") }]}
            >
              <DatePicker />
            </Form.Item>
          )}
          {kind === "no_legal_basis" ? (
            <Form.Item
              name="explanation"
              label={t("rectify.explanation")}
              rules={need(t("rectify.explanationRequired"))}
            >
              {area}
            </Form.Item>
          ) : (
            <Form.Item name="note" label={t("rectify.note")}>
              {area}
            </Form.Item>
          )}
        </>
      )}
      {step === "rectify_record" && (
        <Form.Item name="text" label={t("rectify.text")} rules={need(t("rectify.textRequired"))}>
          {area}
        </Form.Item>
      )}
      {step === "rectify_callback" && (
        <>
          <Form.Item name="reached" label={t("rectify.reached")}>
            <Radio.Group
              options={[
                { value: true, label: t("rectify.reachedYes") },
                { value: false, label: t("rectify.reachedNo") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="result"
            label={t("rectify.result")}
            rules={need(t("rectify.resultRequired"))}
          >
            {area}
          </Form.Item>
          {reached && (
            <Form.Item name="satisfied" label={t("rectify.satisfied")}>
              <Radio.Group
                options={[
                  { value: true, label: t("rectify.yes") },
                  { value: false, label: t("rectify.no") },
                ]}
              />
            </Form.Item>
          )}
        </>
      )}
      {step === "rectify_appeal" && (
        <Form.Item
          name="reason"
          label={t("rectify.reason")}
          rules={need(t("rectify.reasonRequired"))}
        >
          {area}
        </Form.Item>
      )}
      {step === "rectify_appeal_decide" && (
        <>
          <Form.Item name="upheld" label={t("rectify.upheld")}>
            <Radio.Group
              options={[
                { value: true, label: t("rectify.upheldYes") },
                { value: false, label: t("rectify.upheldNo") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("rectify.decideReason")}
            rules={need(t("rectify.decideReasonRequired"))}
          >
            {area}
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
