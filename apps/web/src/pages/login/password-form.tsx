import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input } from "antd";
import { useState } from "react";
import type { ApiError } from "../../api/errors";
import { api } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";
import { useSignIn } from "./use-sign-in";

interface Values {
  username: string;
  password: string;
}

export function PasswordForm({ onDone }: { onDone: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<ApiError | null>(null);
  const signIn = useSignIn((v: Values) => api.auth.login.mutate(v), onDone);
  const submit = (v: Values) => {
    setFormError(null);
    signIn.mutate(v, { onError: (e) => setFormError(placeFieldError(form, e, lang)) });
  };
  return (
    <Form
      form={form}
      name="password-login"
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      size="large"
    >
      {formError && (
        <Alert type="error" showIcon title={formError[lang]} style={{ marginBottom: 16 }} />
      )}
      <Form.Item
        name="username"
        label={t("login.username")}
        rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item
        name="password"
        label={t("login.password")}
        rules={[{ required: true, message: t("login.passwordRequired") }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
        {t("login.submit")}
      </Button>
    </Form>
  );
}
