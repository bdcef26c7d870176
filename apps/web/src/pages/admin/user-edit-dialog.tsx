import { useMutation } from "@tanstack/react-query";
import { Form, Switch } from "antd";
import { api } from "../../api/trpc";
import type { AdminUser } from "../../api/types";
import { useMe } from "../../auth/use-me";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { BackupField, DisplayNameField, RoleAndSite } from "./user-fields";
import { type EditUserValues, editValuesOf, updateInputOf } from "./user-form";

/** 编辑用户: name, post, site, B岗, and whether the account may sign in (not one's own). */
export function UserEditDialog(props: {
  user: AdminUser | null;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const { user } = props;
  const [form] = Form.useForm<EditUserValues>();
  const update = useMutation({
    mutationFn: ({ user, v }: { user: AdminUser; v: EditUserValues }) =>
      api.admin.users.update.mutate(updateInputOf(user, v)),
  });
  const self = user !== null && user.id === me.data?.user?.id;
  return (
    <FormDialog<EditUserValues>
      open={user !== null}
      title={t("users.edit", { name: user?.displayName ?? "" })}
      name="user-edit"
      form={form}
      initialValues={user ? editValuesOf(user) : {}}
      onCancel={props.onCancel}
      onSubmit={(v) => (user ? update.mutateAsync({ user, v }) : Promise.resolve())}
      onDone={props.onDone}
    >
      <DisplayNameField />
      <RoleAndSite form={form} />
      <BackupField form={form} userId={user?.id} />
      <Form.Item
        name="active"
        label={t("users.state")}
        valuePropName="checked"
        extra={self ? t("users.selfHint") : t("users.activeHint")}
      >
        <Switch
          checkedChildren={t("users.active")}
          unCheckedChildren={t("users.inactive")}
          disabled={self}
        />
      </Form.Item>
    </FormDialog>
  );
}
