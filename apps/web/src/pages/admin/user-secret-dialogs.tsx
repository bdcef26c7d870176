import { useMutation } from "@tanstack/react-query";
import { Typography } from "antd";
import { api } from "../../api/trpc";
import type { AdminUser } from "../../api/types";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { PasswordField, PinField } from "./user-fields";

interface Props {
  /** The account; null while the dialog is closed. */
  user: AdminUser | null;
  onCancel: () => void;
  onDone: () => void;
}

/** 重置密码: a new password; every session of the account ends at once. */
export function ResetPasswordDialog(props: Props) {
  const { t } = useI18n();
  const { user } = props;
  const reset = useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api.admin.users.resetPassword.mutate({ id, password }),
  });
  return (
    <FormDialog<{ password: string }>
      open={user !== null}
      title={t("users.resetPasswordFor", { name: user?.displayName ?? "" })}
      name="user-password"
      intro={
        <Typography.Paragraph type="secondary">{t("users.resetPasswordHint")}</Typography.Paragraph>
      }
      onCancel={props.onCancel}
      onSubmit={(v) =>
        user ? reset.mutateAsync({ id: user.id, password: v.password }) : Promise.resolve()
      }
      onDone={props.onDone}
    >
      <PasswordField />
    </FormDialog>
  );
}

/** 快捷登录 PIN: set a new one, or clear it by leaving the field blank. */
export function PinDialog(props: Props) {
  const { t } = useI18n();
  const { user } = props;
  const setPin = useMutation({
    mutationFn: ({ id, pin }: { id: string; pin: string | null }) =>
      api.admin.users.setPin.mutate({ id, pin }),
  });
  return (
    <FormDialog<{ pin?: string }>
      open={user !== null}
      title={t("users.pinFor", { name: user?.displayName ?? "" })}
      name="user-pin"
      intro={<Typography.Paragraph type="secondary">{t("users.pinHint")}</Typography.Paragraph>}
      onCancel={props.onCancel}
      onSubmit={(v) =>
        user ? setPin.mutateAsync({ id: user.id, pin: v.pin?.trim() || null }) : Promise.resolve()
      }
      onDone={props.onDone}
    >
      <PinField label={t("login.pin")} />
    </FormDialog>
  );
}
