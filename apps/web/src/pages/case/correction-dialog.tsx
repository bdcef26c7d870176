import { Checkbox, Form, Input, Space, Tag, Typography } from "antd";
import { useRef } from "react";
import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { materialStateColour, materialStateKey } from "../../lib/labels";
import {
  type CorrectionValues,
  correctionFieldOf,
  correctionInputOf,
  correctionProblems,
  initialCorrection,
  requiredCodes,
} from "./correction-notice";
import { useCaseCommand } from "./use-case-command";

/**
 * 一次性告知补正 from review: one notice naming every material still missing (and any the
 * reviewer finds wanting), each with what is needed. The clock pauses until they arrive.
 */
export function CorrectionDialog(props: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { detail } = props;
  const [form] = Form.useForm<CorrectionValues>();
  const codes = Form.useWatch<string[] | undefined>("codes", form) ?? [];
  const must = requiredCodes(detail.materials);
  // What was sent: the server names a material by its place in this list (missing.0.reason).
  const sent = useRef<ReturnType<typeof correctionInputOf>>({ missing: [] });
  const send = useCaseCommand(detail.caseId, (input: ReturnType<typeof correctionInputOf>) =>
    api.cases.requestCorrection.mutate({ caseId: detail.caseId, ...input }),
  );
  return (
    <FormDialog<CorrectionValues>
      name="correction"
      form={form}
      open={props.open}
      title={t("action.requestCorrection")}
      okText={t("correction.submit")}
      width={640}
      intro={<Typography.Paragraph type="secondary">{t("correction.hint")}</Typography.Paragraph>}
      // Each opening starts from the materials still missing, with the usual wording.
      initialValues={initialCorrection(detail.materials, t("intake.notice.reasonDefault"))}
      errors={{ rename: (f) => correctionFieldOf(f, sent.current.missing) }}
      onCancel={props.onClose}
      onSubmit={(v) => {
        sent.current = correctionInputOf(
          { codes: v.codes ?? [], reasons: v.reasons ?? {} },
          detail.materials,
        );
        return send.mutateAsync(sent.current);
      }}
      onDone={props.onDone}
    >
      <Form.Item
        name="codes"
        label={t("correction.codes")}
        rules={[
          {
            validator: (_r, v: string[] | undefined) => {
              const k = correctionProblems({ codes: v ?? [], reasons: {} }, detail.materials).codes;
              return k ? Promise.reject(new Error(t(k))) : Promise.resolve();
            },
          },
        ]}
      >
        <Checkbox.Group style={{ width: "100%" }}>
          <Space orientation="vertical">
            {detail.materials.map((m) => (
              <Checkbox key={m.code} value={m.code} disabled={must.includes(m.code)}>
                {m.name}{" "}
                <Tag color={materialStateColour[m.state]}>{t(materialStateKey[m.state])}</Tag>
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
      {detail.materials
        .filter((m) => codes.includes(m.code))
        .map((m) => (
          <Form.Item
            key={m.code}
            name={["reasons", m.code]}
            label={t("correction.reason", { name: m.name })}
            rules={[{ required: true, whitespace: true, message: t("correction.reasonRequired") }]}
          >
            <Input maxLength={500} placeholder={t("correction.reasonHint")} />
          </Form.Item>
        ))}
    </FormDialog>
  );
}
