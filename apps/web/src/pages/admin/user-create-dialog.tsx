import { useMutation } from "@tanstack/react-query";
import { Form, Input } from "antd";
import { api } from "../../api/trpc";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { BackupField, DisplayNameField, PasswordField, PinField, RoleAndSite } from "./user-fields";
import { createInputOf, type NewUserValues, usernameValid } from "./user-form";

/** 新增用户: a staff account with its post, its site, its B岗, a first password and perhaps a PIN. */
export function UserCreateDialog(props: {
  open: boolean;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewUserValues>();
  const create = useMutation({
    mutationFn: (v: NewUserValues) => api.admin.users.create.mutate(createInputOf(v)),
  });
  return (
    <FormDialog<NewUserValues>
      open={props.open}
      title={t("users.create")}
      name="user-create"
      form={form}
      onCancel={props.onCancel}
      onSubmit={(v) => create.mutateAsync(v)}
      onDone={props.onDone}
    >
      <Form.Item
        name="username"
        label={t("users.username")}
        extra={t("users.usernameHint")}
        validateTrigger="onBlur"
        rules={[
          { required: true, whitespace: true, message: t("users.usernameRequired") },
          {
            validator: (_r, v: string | undefined) =>
              !v?.trim() || usernameValid(v)
                ? Promise.resolve()
                : Promise.reject(new Error(t("users.usernameFormat"))),
          },
        ]}
      >
        <Input autoComplete="off" maxLength={32} />
      </Form.Item>
      <DisplayNameField />
      <RoleAndSite form={form} />
      <BackupField form={form} userId={undefined} />
      <PasswordField />
      <PinField label={t("users.pinOptional")} />
    </FormDialog>
  );
}
