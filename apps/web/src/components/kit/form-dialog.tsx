import type { FormInstance } from "antd";
import { Alert, Button, Form, Modal } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import type { ApiError } from "../../api/errors";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";
import type { PlaceOptions } from "./server-error";

/** Props of {@link FormDialog}. */
export interface FormDialogProps<V, R> {
  open: boolean;
  title: ReactNode;
  /** The form's name: fields' ids are prefixed with it (several dialogs live on one page). */
  name: string;
  /** The caller's form instance, when it watches fields; otherwise the dialog makes its own. */
  form?: FormInstance<V>;
  /** What the form starts from each time the dialog opens. */
  initialValues?: Partial<V>;
  /** Sends the form; a refusal is shown beside its field (or above the form), nothing typed is lost. */
  onSubmit: (values: V) => Promise<R>;
  /** After the server said yes. The dialog never closes itself: the caller closes it here. */
  onDone?: (result: R) => void;
  onCancel: () => void;
  /** How the server's field paths map onto this form and its messages. */
  errors?: PlaceOptions;
  /** Shown instead of the form once there is something to show (e.g. a code issued once). */
  result?: ReactNode;
  resultOkText?: string;
  okText?: string;
  okDanger?: boolean;
  width?: number;
  /** False hides the asterisks (a form whose every field is plainly needed). */
  requiredMark?: boolean;
  /** Above the error and the form: what the dialog does, in a sentence. */
  intro?: ReactNode;
  /** Below the form, whatever the state (e.g. "this is logged"). */
  footnote?: ReactNode;
  children: ReactNode;
}

/**
 * Every dialog that is a form: validates, sends with a busy button, shows the server's typed
 * refusal beside the field it names or in an alert, never closes on an error, and starts
 * afresh (its initial values, no old error) each time it opens.
 */
export function FormDialog<V, R = unknown>(props: FormDialogProps<V, R>) {
  const { t, lang } = useI18n();
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!props.open) return;
    setError(null);
    // resetFields goes back to the Form's initialValues as they are on this render.
    form.resetFields();
  }, [props.open]);
  const ok = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      const r = await props.onSubmit(values);
      props.onDone?.(r);
    } catch (e) {
      setError(placeFieldError(form, e, lang, props.errors));
    } finally {
      setBusy(false);
    }
  };
  const showing = props.result !== undefined && props.result !== null;
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onCancel}
      width={props.width}
      forceRender
      footer={
        showing
          ? [
              <Button key="done" type="primary" onClick={props.onCancel}>
                {props.resultOkText ?? t("common.confirm")}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={props.onCancel}>
                {t("common.cancel")}
              </Button>,
              <Button
                key="ok"
                type="primary"
                danger={props.okDanger}
                loading={busy}
                onClick={() => void ok()}
              >
                {props.okText ?? t("common.confirm")}
              </Button>,
            ]
      }
    >
      {props.result}
      {/* Kept mounted while a result shows: the caller's form instance stays connected. */}
      <div hidden={showing}>
        {props.intro}
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={error[lang] || error.zh}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          name={props.name}
          initialValues={props.initialValues}
          requiredMark={props.requiredMark}
        >
          {props.children}
        </Form>
      </div>
      {props.footnote}
    </Modal>
  );
}
