import { checkPassword } from "@bangban/domain";
import { useMutation } from "@tanstack/react-query";
import { App, Form, Input } from "antd";
import type { RuleObject } from "antd/es/form";
import { api } from "../api/trpc";
import type { SignedInUser } from "../api/types";
import { FormDialog } from "../components/kit/form-dialog";
import { useI18n } from "../i18n/i18n-context";
import { pick } from "../i18n/lang";

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: the signed-in user's own; the rule is the domain's, the same the server checks. */
export function ChangePasswordDialog(props: {
  user: SignedInUser;
  open: boolean;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const change = useMutation({
    mutationFn: (v: Values) =>
      api.auth.changePassword.mutate({ oldPassword: v.oldPassword, newPassword: v.newPassword }),
  });
  const strong = (_: RuleObject, v: string | undefined) => {
    if (!v) return Promise.resolve(); // "required" speaks for an empty field
    const r = checkPassword(v, props.user.username, "newPassword");
    return r.ok ? Promise.resolve() : Promise.reject(new Error(pick(r.error, lang)));
  };
  return (
    <FormDialog<Values>
      title={t("auth.changePassword")}
      name="change-password"
      requiredMark={false}
      open={props.open}
      onCancel={props.onClose}
      onSubmit={(v) => change.mutateAsync(v)}
      onDone={() => {
        void message.success(t("auth.passwordChanged"));
        props.onClose();
      }}
    >
      <Form.Item
        name="oldPassword"
        label={t("auth.oldPassword")}
        rules={[{ required: true, message: t("login.passwordRequired") }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t("auth.newPassword")}
        extra={t("auth.newPasswordHelp")}
        rules={[{ required: true, message: t("login.passwordRequired") }, { validator: strong }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("auth.confirmPassword")}
        dependencies={["newPassword"]}
        rules={[
          { required: true, message: t("login.passwordRequired") },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue("newPassword")
                ? Promise.resolve()
                : Promise.reject(new Error(t("auth.confirmMismatch"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormDialog>
  );
}
