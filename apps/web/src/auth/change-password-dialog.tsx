import { checkPassword } from "@bangban/domain";
import { useMutation } from "@tanstack/react-query";
import { Alert, App, Form, Input, Modal } from "antd";
import type { RuleObject } from "antd/es/form";
import { useState } from "react";
import type { ApiError } from "../api/errors";
import { api } from "../api/trpc";
import type { SignedInUser } from "../api/types";
import { useI18n } from "../i18n/i18n-context";
import { pick } from "../i18n/lang";
import { placeFieldError } from "../lib/form-errors";

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
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<ApiError | null>(null);
  const change = useMutation({
    mutationFn: (v: Values) =>
      api.auth.changePassword.mutate({ oldPassword: v.oldPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      void message.success(t("auth.passwordChanged"));
      form.resetFields();
      props.onClose();
    },
    onError: (e) => setFormError(placeFieldError(form, e, lang)),
  });
  const strong = (_: RuleObject, v: string | undefined) => {
    if (!v) return Promise.resolve(); // "required" speaks for an empty field
    const r = checkPassword(v, props.user.username, "newPassword");
    return r.ok ? Promise.resolve() : Promise.reject(new Error(pick(r.error, lang)));
  };
  return (
    <Modal
      title={t("auth.changePassword")}
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      {formError && (
        <Alert type="error" showIcon title={formError[lang]} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        name="change-password"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          setFormError(null);
          change.mutate(v);
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
      </Form>
    </Modal>
  );
}
