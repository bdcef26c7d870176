import { LockOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import type { ApiError } from "../api/errors";
import { api } from "../api/trpc";
import type { SignedInUser } from "../api/types";
import { useI18n } from "../i18n/i18n-context";
import { placeFieldError } from "../lib/form-errors";
import { useLogout } from "./use-logout";

/** The idle-locked terminal: the same person resumes with their PIN or password. */
export function LockScreen({ user }: { user: SignedInUser }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const logout = useLogout();
  const [form] = Form.useForm<{ secret: string }>();
  const [formError, setFormError] = useState<ApiError | null>(null);
  const unlock = useMutation({
    mutationFn: (v: { secret: string }) => api.auth.unlock.mutate(v),
    onSuccess: () => client.invalidateQueries(),
    onError: (e) => setFormError(placeFieldError(form, e, lang)),
  });
  return (
    <div
      style={{ display: "grid", placeItems: "center", minHeight: "100vh", background: "#f5f5f5" }}
    >
      <Card style={{ width: 380 }}>
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Title level={4}>
            <LockOutlined /> {t("auth.locked")}
          </Typography.Title>
          <Typography.Paragraph>
            {t("auth.lockedHint", { name: user.displayName })}
          </Typography.Paragraph>
          {formError && <Alert type="error" showIcon title={formError[lang]} />}
          <Form
            form={form}
            name="unlock"
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => {
              setFormError(null);
              unlock.mutate(v);
            }}
          >
            <Form.Item
              name="secret"
              label={t("auth.secret")}
              rules={[{ required: true, message: t("auth.secretRequired") }]}
            >
              <Input.Password autoFocus autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={unlock.isPending}>
              {t("auth.unlock")}
            </Button>
          </Form>
          <Button type="link" block onClick={() => logout.mutate()}>
            {t("auth.otherUser")}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
