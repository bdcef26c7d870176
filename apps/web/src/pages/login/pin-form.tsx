import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, Input, Radio, Skeleton, Typography } from "antd";
import { useState } from "react";
import type { ApiError } from "../../api/errors";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import { ErrorAlert } from "../../components/error-alert";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";
import { roleName } from "../../lib/role-name";
import { useSignIn } from "./use-sign-in";

interface Values {
  username: string;
  pin: string;
}

/** Quick sign-in on the station's shared terminal: pick yourself, type your 6-digit PIN. */
export function PinForm({ onDone }: { onDone: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<ApiError | null>(null);
  const users = useQuery(trpcQuery("auth.pinUsers"));
  const signIn = useSignIn((v: Values) => api.auth.pinLogin.mutate(v), onDone);
  const submit = (v: Values) => {
    setFormError(null);
    signIn.mutate(v, { onError: (e) => setFormError(placeFieldError(form, e, lang)) });
  };
  if (users.isPending) return <Skeleton active />;
  if (users.isError) return <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />;
  if (users.data.length === 0)
    return <Typography.Paragraph type="secondary">{t("login.noPinUsers")}</Typography.Paragraph>;
  return (
    <Form
      form={form}
      name="pin-login"
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
        label={t("login.who")}
        rules={[{ required: true, message: t("login.whoRequired") }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={users.data.map((u) => ({
            value: u.username,
            label: `${u.displayName}（${roleName(u.roleLabel, lang)}）`,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="pin"
        label={t("login.pin")}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t("login.pinFormat") }]}
      >
        <Input.Password inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
        {t("login.submit")}
      </Button>
    </Form>
  );
}
