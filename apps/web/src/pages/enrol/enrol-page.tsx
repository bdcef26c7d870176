import { CheckCircleTwoTone, LinkOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Progress, Result, Space, Spin, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { Link, Navigate, useNavigate } from "react-router";
import type { ApiError } from "../../api/errors";
import { parseHubLink } from "../../api/health";
import { pathFilter } from "../../api/keys";
import { useSystemStatus } from "../../api/system";
import { api } from "../../api/trpc";
import { ErrorAlert } from "../../components/error-alert";
import { LocaleSwitch } from "../../components/locale-switch";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";
import { progressOf } from "../../lib/sync-state";
import { codeProblem, type EnrolValues, enrolInputOf, hubUrlProblem } from "./enrol-form";

/** The card every first-run state is shown in. */
function Frame({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div
      style={{
        minHeight: "100vh",
        display: "grid",
        placeItems: "center",
        background: "linear-gradient(160deg, #fff5f3 0%, #f5f5f5 60%)",
      }}
    >
      <Card style={{ width: 520, maxWidth: "94vw" }}>
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <div style={{ display: "flex", justifyContent: "space-between", alignItems: "start" }}>
            <div>
              <Typography.Title level={3} style={{ margin: 0, color: "#c0392b" }}>
                {t("app.name")}
              </Typography.Title>
              <Typography.Text type="secondary">{t("enrol.title")}</Typography.Text>
            </div>
            <LocaleSwitch />
          </div>
          {children}
        </Space>
      </Card>
    </div>
  );
}

/** After the code was accepted: the first sync brings the users; sign-in waits for it. */
function AfterEnrol() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const status = useSystemStatus({ poll: 2_000 });
  const link = parseHubLink(status.data?.sync);
  const raw = status.data?.sync as { lastError?: { zh?: string; en?: string } | null } | null;
  const synced = link?.lastSuccessAt != null;
  const p = link?.catchUp ? progressOf(link.catchUp) : null;
  return (
    <Result
      icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}
      title={t("enrol.done")}
      subTitle={synced ? t("enrol.synced") : t("enrol.syncing")}
      extra={
        synced ? (
          <Button type="primary" size="large" onClick={() => navigate("/login", { replace: true })}>
            {t("enrol.toLogin")}
          </Button>
        ) : (
          <Space orientation="vertical" style={{ width: "100%" }}>
            {p ? <Progress percent={p.percent} status="active" /> : <Spin />}
            {raw?.lastError && (
              <Alert
                type="warning"
                showIcon
                title={t("enrol.syncFailed", {
                  reason: (lang === "en" ? raw.lastError.en : raw.lastError.zh) ?? "",
                })}
              />
            )}
          </Space>
        )
      }
    />
  );
}

/**
 * 首次启用: a new station has no users until it syncs, so before sign-in it asks for the
 * street center's address and the one-time code the center's administrator generated.
 */
export function EnrolPage() {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const status = useSystemStatus();
  const [form] = Form.useForm<EnrolValues>();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const enrol = useMutation({
    mutationFn: (v: EnrolValues) => api.system.enrol.mutate(enrolInputOf(v)),
    onSuccess: async () => {
      setDone(true);
      await client.invalidateQueries(pathFilter("system.status"));
      await client.invalidateQueries(pathFilter("auth.me"));
    },
  });
  if (status.isPending)
    return (
      <div style={{ display: "grid", placeItems: "center", minHeight: "100vh" }}>
        <Spin size="large" description={t("common.loading")} />
      </div>
    );
  if (status.isError)
    return (
      <Frame>
        <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      </Frame>
    );
  if (done)
    return (
      <Frame>
        <AfterEnrol />
      </Frame>
    );
  if (status.data.enrolled !== false) return <Navigate to="/login" replace />;
  const site = status.data.site;
  const submit = (v: EnrolValues) => {
    setError(null);
    enrol.mutate(v, { onError: (e) => setError(placeFieldError(form, e, lang)) });
  };
  return (
    <Frame>
      <Typography.Paragraph style={{ margin: 0 }}>{t("enrol.intro")}</Typography.Paragraph>
      <Typography.Text strong>
        {site.name.includes(site.id)
          ? t("enrol.siteCode", { id: site.id })
          : t("enrol.site", { name: site.name, id: site.id })}
      </Typography.Text>
      {error && <Alert type="error" showIcon title={error[lang] || error.zh} />}
      <Form
        form={form}
        name="enrol"
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={submit}
      >
        <Form.Item
          name="hubUrl"
          label={t("enrol.hubUrl")}
          extra={t("enrol.hubUrlHint")}
          validateTrigger="onBlur"
          rules={[
            {
              validator: (_r, v: string | undefined) => {
                const k = hubUrlProblem(v);
                return k ? Promise.reject(new Error(t(k))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input
            prefix={<LinkOutlined />}
            placeholder="http://192.168.1.10:8700"
            autoComplete="url"
            autoFocus
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t("enrol.code")}
          extra={t("enrol.codeHint")}
          validateTrigger="onBlur"
          rules={[
            {
              validator: (_r, v: string | undefined) => {
                const k = codeProblem(v);
                return k ? Promise.reject(new Error(t(k))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input
            prefix={<SafetyCertificateOutlined />}
            placeholder="XXXX-XXXX-XXXX-XXXX"
            autoComplete="off"
            style={{ fontFamily: "monospace", textTransform: "uppercase" }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={enrol.isPending}>
          {t("enrol.submit")}
        </Button>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t("enrol.haveAccounts")} <Link to="/login?local=1">{t("enrol.signInHere")}</Link>
      </Typography.Text>
    </Frame>
  );
}
