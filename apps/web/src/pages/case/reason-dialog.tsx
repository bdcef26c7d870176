import { Form, Input } from "antd";
import { FormDialog } from "../../components/kit/form-dialog";

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
  return (
    <FormDialog<{ reason?: string }>
      name={props.name}
      open={props.open}
      title={props.title}
      okDanger={props.okDanger}
      onCancel={props.onCancel}
      onSubmit={(v) => props.onSubmit(v.reason?.trim() ?? "")}
    >
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
    </FormDialog>
  );
}
