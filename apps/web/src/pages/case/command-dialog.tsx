import type { FormInstance } from "antd";
import { Alert, Form, Modal } from "antd";
import { type ReactNode, useState } from "react";
import type { ApiError } from "../../api/errors";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";

interface Props<V> {
  open: boolean;
  title: string;
  form: FormInstance<V>;
  name: string;
  onCancel: () => void;
  /** Sends the command; a refusal is shown beside its field and nothing typed is lost. */
  onSubmit: (values: V) => Promise<unknown>;
  okText?: string;
  okDanger?: boolean;
  width?: number;
  initialValues?: Record<string, unknown>;
  children: ReactNode;
}

/** A case command that asks for a few fields first (reassign, issue, suspend, extend, …). */
export function CommandDialog<V>(props: Props<V>) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ok = async () => {
    const v = await props.form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(v);
      props.form.resetFields();
    } catch (e) {
      setError(placeFieldError(props.form, e, lang));
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
      okText={props.okText ?? t("common.confirm")}
      cancelText={t("common.cancel")}
      width={props.width}
      forceRender
    >
      {error && (
        <Alert type="error" showIcon title={error[lang] || error.zh} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={props.form}
        layout="vertical"
        name={props.name}
        initialValues={props.initialValues}
      >
        {props.children}
      </Form>
    </Modal>
  );
}
