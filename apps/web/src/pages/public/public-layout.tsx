import { BookOutlined, LoginOutlined, SearchOutlined, SmileOutlined } from "@ant-design/icons";
import { Grid, Layout, Menu, Space, Typography } from "antd";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { useSystemStatus } from "../../api/system";
import { LocaleSwitch } from "../../components/locale-switch";
import { useI18n } from "../../i18n/i18n-context";

/** The public pages' frame: no sign-in, the guide and the progress query, the language switch. */
export function PublicLayout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const status = useSystemStatus();
  // On a resident's phone (扫码评价, 办件进度 behind a QR code) the header keeps one line: the
  // name, the menu folded into its overflow, the language switch and an icon to sign in.
  const narrow = !Grid.useBreakpoint().md;
  const selected =
    ["progress", "evaluate"].find((k) => location.pathname.startsWith(`/public/${k}`)) ?? "guides";
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header
        style={{
          background: "#fff",
          borderBottom: "1px solid #f0f0f0",
          display: "flex",
          alignItems: "center",
          gap: narrow ? 8 : 16,
          padding: narrow ? "0 12px" : "0 20px",
        }}
      >
        <Link to="/public" style={{ display: "flex", alignItems: "baseline", gap: 8 }}>
          <Typography.Title level={4} style={{ margin: 0, color: "#c0392b" }}>
            {t("app.name")}
          </Typography.Title>
          {!narrow && (
            <Typography.Text type="secondary">
              {status.data?.site.name ?? t("public.tagline")}
            </Typography.Text>
          )}
        </Link>
        <Menu
          mode="horizontal"
          selectedKeys={[selected]}
          style={{ flex: 1, minWidth: 0, borderBottom: "none" }}
          onClick={({ key }) => navigate(key === "guides" ? "/public" : `/public/${key}`)}
          items={[
            { key: "guides", icon: <BookOutlined />, label: t("public.guides") },
            { key: "progress", icon: <SearchOutlined />, label: t("public.progress") },
            { key: "evaluate", icon: <SmileOutlined />, label: t("public.evaluate") },
          ]}
        />
        <Space size={narrow ? "small" : "middle"}>
          <LocaleSwitch />
          <Link to="/login" aria-label={t("public.staffLogin")} title={t("public.staffLogin")}>
            <LoginOutlined />
            {!narrow && ` ${t("public.staffLogin")}`}
          </Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: narrow ? 12 : 20 }}>
        <div style={{ maxWidth: 1000, margin: "0 auto" }}>
          <Outlet />
        </div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: "center", color: "#8c8c8c" }}>
        {t("public.footer")}
      </Layout.Footer>
    </Layout>
  );
}
