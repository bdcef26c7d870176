import { Alert, Form, Input, Modal } from "antd";
import { useState } from "react";
import type { ApiError } from "../../api/errors";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";

interface Props {
  /** The form's name: fields' ids are prefixed with it (several dialogs live on one page). */
  name: string;
  open: boolean;
  title: string;
  label: string;
  required: boolean;
  requiredMessage: string;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
  okDanger?: boolean;
}

/** Asks for a reason (withdraw, reject); a refusal shows beside the field, the text stays. */
export function ReasonDialog(props: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ok = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(v.reason?.trim() ?? "");
      form.resetFields();
    } catch (e) {
      setError(placeFieldError(form, e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      onOk={ok}
      onCancel={props.onCancel}
      confirmLoading={busy}
      okButtonProps={{ danger: props.okDanger }}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error[lang]} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name={props.name}>
        <Form.Item
          name="reason"
          label={props.label}
          rules={
            props.required
              ? [{ required: true, whitespace: true, message: props.requiredMessage }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
