import { Card, Space, Tabs, Typography } from "antd";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { useMe } from "../../auth/use-me";
import { LocaleSwitch } from "../../components/locale-switch";
import { useI18n } from "../../i18n/i18n-context";
import { PasswordForm } from "./password-form";
import { PinForm } from "./pin-form";
import { safeReturnPath } from "./safe-return";

export function LoginPage() {
  const { t } = useI18n();
  const me = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const target = safeReturnPath(params.get("from"));
  if (me.data?.user) return <Navigate to={target} replace />;
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
        </Space>
      </Card>
    </div>
  );
}
