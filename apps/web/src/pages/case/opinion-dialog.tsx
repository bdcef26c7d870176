import { Form, Input, Radio, Typography } from "antd";
import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { useCaseCommand } from "./use-case-command";

interface Values {
  opinion: string;
  recommendation: "approve" | "deny";
}

/** 审查意见 / 提交审批: the reviewer's opinion and recommendation go to the approver. */
export function OpinionDialog(props: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { detail } = props;
  const [form] = Form.useForm<Values>();
  const submit = useCaseCommand(detail.caseId, (v: Values) =>
    api.cases.submitForApproval.mutate({
      caseId: detail.caseId,
      opinion: v.opinion.trim(),
      recommendation: v.recommendation,
    }),
  );
  return (
    <FormDialog
      open={props.open}
      title={t("action.submitForApproval")}
      name="opinion"
      form={form}
      onCancel={props.onClose}
      onSubmit={(v: Values) => submit.mutateAsync(v)}
      onDone={props.onDone}
      okText={t("action.submitForApproval")}
      initialValues={detail.opinion ? { opinion: detail.opinion.text } : undefined}
    >
      <Typography.Paragraph type="secondary">{t("opinion.hint")}</Typography.Paragraph>
      <Form.Item
        name="opinion"
        label={t("opinion.text")}
        rules={[{ required: true, whitespace: true, message: t("opinion.textRequired") }]}
      >
        <Input.TextArea rows={4} maxLength={500} showCount />
      </Form.Item>
      <Form.Item
        name="recommendation"
        label={t("opinion.recommendation")}
        rules={[{ required: true, message: t("opinion.recommendationRequired") }]}
      >
        <Radio.Group
          options={(["approve", "deny"] as const).map((r) => ({
            value: r,
            label: t(`opinion.recommend.${r}`),
          }))}
        />
      </Form.Item>
    </FormDialog>
  );
}
