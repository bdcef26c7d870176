import { Alert, Checkbox, Form, Input, Modal, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import type { ApiError } from "../../api/errors";
import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";
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
  const { t, lang } = useI18n();
  const { detail } = props;
  const [form] = Form.useForm<CorrectionValues>();
  const [error, setError] = useState<ApiError | null>(null);
  const codes = Form.useWatch<string[] | undefined>("codes", form) ?? [];
  const must = requiredCodes(detail.materials);
  const send = useCaseCommand(detail.caseId, (input: ReturnType<typeof correctionInputOf>) =>
    api.cases.requestCorrection.mutate({ caseId: detail.caseId, ...input }),
  );
  // A fresh start each time it opens on a case whose checklist changed; typed text survives
  // a failed submit because nothing resets the form until it succeeds.
  const key = `${detail.caseId}:${must.join(",")}`;
  useEffect(() => {
    form.setFieldsValue(initialCorrection(detail.materials, t("intake.notice.reasonDefault")));
  }, [key]);
  const ok = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const values = { codes: v.codes ?? [], reasons: v.reasons ?? {} };
    const input = correctionInputOf(values, detail.materials);
    setError(null);
    send.mutate(input, {
      onSuccess: () => {
        form.resetFields();
        props.onDone();
      },
      onError: (e) =>
        setError(
          placeFieldError(form, e, lang, { rename: (f) => correctionFieldOf(f, input.missing) }),
        ),
    });
  };
  return (
    <Modal
      open={props.open}
      title={t("action.requestCorrection")}
      onOk={ok}
      onCancel={props.onClose}
      confirmLoading={send.isPending}
      okText={t("correction.submit")}
      cancelText={t("common.cancel")}
      forceRender
      width={640}
    >
      <Typography.Paragraph type="secondary">{t("correction.hint")}</Typography.Paragraph>
      {error && (
        <Alert type="error" showIcon title={error[lang] || error.zh} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" name="correction">
        <Form.Item
          name="codes"
          label={t("correction.codes")}
          rules={[
            {
              validator: (_r, v: string[] | undefined) => {
                const k = correctionProblems(
                  { codes: v ?? [], reasons: {} },
                  detail.materials,
                ).codes;
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
              rules={[
                { required: true, whitespace: true, message: t("correction.reasonRequired") },
              ]}
            >
              <Input maxLength={500} placeholder={t("correction.reasonHint")} />
            </Form.Item>
          ))}
      </Form>
    </Modal>
  );
}
