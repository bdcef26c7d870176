import { Form, Input, Radio, Space } from "antd";
import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { localToday } from "../../lib/today";
import { idFinished, idWhileTyping } from "../../lib/validators";
import { type HandoverValues, toHandoverInput } from "./handover-form";
import { useCaseCommand } from "./use-case-command";

/**
 * 办结 with 送达: who collects the result — the applicant (本人) or someone else (代领, whose
 * name and ID number are checked as on the intake form). The 送达回证 then prints from the
 * case's 打印 menu for the collector to sign.
 */
export function HandoverDialog(props: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const today = localToday();
  const [form] = Form.useForm<HandoverValues>();
  const how = Form.useWatch(["handover", "how"], form);
  const complete = useCaseCommand(props.detail.caseId, (v: HandoverValues) =>
    api.cases.complete.mutate({ caseId: props.detail.caseId, handover: toHandoverInput(v) }),
  );
  return (
    <FormDialog
      open={props.open}
      title={t("handover.title")}
      name="handover"
      form={form}
      initialValues={{ handover: { how: "self" } }}
      onSubmit={(v: HandoverValues) => complete.mutateAsync(v)}
      onDone={props.onDone}
      onCancel={props.onClose}
      okText={t("action.complete")}
    >
      <Form.Item name={["handover", "how"]} label={t("handover.how")}>
        <Radio.Group>
          <Space orientation="vertical">
            <Radio value="self" autoFocus>
              {t("handover.self", { name: props.detail.applicant.name })}
            </Radio>
            <Radio value="collector">{t("handover.collector")}</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {how === "collector" && (
        <>
          <Form.Item
            name={["handover", "collector", "name"]}
            label={t("handover.collectorName")}
            rules={[{ required: true, whitespace: true, message: t("person.nameRequired") }]}
          >
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name={["handover", "collector", "idNumber"]}
            label={t("handover.collectorId")}
            validateTrigger={["onChange", "onBlur"]}
            rules={[
              { required: true, whitespace: true, message: t("person.idRequired") },
              { validator: idWhileTyping(today, lang), validateTrigger: ["onChange", "onBlur"] },
              { validator: idFinished(today, lang), validateTrigger: "onBlur" },
            ]}
            extra={t("handover.collectorIdHint")}
          >
            <Input maxLength={20} autoComplete="off" style={{ fontFamily: "monospace" }} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
