import { BookOutlined, SearchOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Space, Spin, Tabs, Typography } from "antd";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { trpcQuery } from "../../api/queries";
import { useSystemStatus } from "../../api/system";
import { useMe } from "../../auth/use-me";
import { LocaleSwitch } from "../../components/locale-switch";
import { useI18n } from "../../i18n/i18n-context";
import { needsEnrolment } from "./first-run";
import { PasswordForm } from "./password-form";
import { PinForm } from "./pin-form";
import { safeReturnPath } from "./safe-return";

export function LoginPage() {
  const { t } = useI18n();
  const me = useMe();
  const status = useSystemStatus();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const target = safeReturnPath(params.get("from"));
  const notEnrolled = status.data?.enrolled === false;
  // Same key as the PIN picker's: one request answers both.
  const pinUsers = useQuery({
    ...trpcQuery("auth.pinUsers"),
    enabled: notEnrolled,
  });
  if (me.data?.user) return <Navigate to={target} replace />;
  // A new station has no users until it is enrolled and has synced: first-run screen.
  const firstRun = needsEnrolment({
    enrolled: status.data?.enrolled,
    localUsers: pinUsers.data?.length,
    forceLogin: params.has("local"),
  });
  if (firstRun) return <Navigate to="/enrol" replace />;
  if (notEnrolled && pinUsers.isPending && !params.has("local"))
    return (
      <div style={{ display: "grid", placeItems: "center", minHeight: "100vh" }}>
        <Spin size="large" description={t("common.loading")} />
      </div>
    );
  const done = () => navigate(target, { replace: true });
  return (
    <div
      style={{
        minHeight: "100vh",
        display: "grid",
        placeItems: "center",
        background: "linear-gradient(160deg, #fff5f3 0%, #f5f5f5 60%)",
      }}
    >
      <Card style={{ width: 420, maxWidth: "94vw" }}>
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <div style={{ display: "flex", justifyContent: "space-between", alignItems: "start" }}>
            <div>
              <Typography.Title level={3} style={{ margin: 0, color: "#c0392b" }}>
                {t("app.name")}
              </Typography.Title>
              <Typography.Text type="secondary">
                {me.data?.node.siteName ?? t("app.tagline")}
              </Typography.Text>
            </div>
            <LocaleSwitch />
          </div>
          {notEnrolled && (
            <Alert
              type="warning"
              showIcon
              title={t("login.notEnrolled")}
              action={<Link to="/enrol">{t("login.enrolNow")}</Link>}
            />
          )}
          <Tabs
            items={[
              {
                key: "password",
                label: t("login.byPassword"),
                children: <PasswordForm onDone={done} />,
              },
              { key: "pin", label: t("login.byPin"), children: <PinForm onDone={done} /> },
            ]}
          />
          {me.data?.node.role === "hub" && (
            <Space size="large" style={{ justifyContent: "center", width: "100%" }}>
              <Link to="/public">
                <BookOutlined /> {t("public.guides")}
              </Link>
              <Link to="/public/progress">
                <SearchOutlined /> {t("public.progress")}
              </Link>
            </Space>
          )}
        </Space>
      </Card>
    </div>
  );
}
