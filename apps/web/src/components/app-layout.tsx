import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  ExclamationCircleOutlined,
  FileAddOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FrownOutlined,
  FundOutlined,
  InboxOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  MergeCellsOutlined,
  MessageOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from "@ant-design/icons";
import { READERS, roleLabels } from "@bangban/domain";
import { Badge, Button, Dropdown, Layout, Menu, Space, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";
import type { Me, SignedInUser } from "../api/types";
import { ChangePasswordDialog } from "../auth/change-password-dialog";
import { type MenuEntry, menuFor } from "../auth/menu";
import { useIdleLock } from "../auth/use-idle-lock";
import { useLockNow } from "../auth/use-lock-now";
import { useLogout } from "../auth/use-logout";
import { useI18n } from "../i18n/i18n-context";
import { pick } from "../i18n/lang";
import { inboxBadge } from "../pages/inbox/inbox-view";
import { useInbox } from "../pages/inbox/use-inbox";
import { reminderBadge } from "../pages/reminders/reminders-view";
import { useReminderCount } from "../pages/reminders/use-reminders";
import { LocaleSwitch } from "./locale-switch";
import { SyncIndicator } from "./sync-indicator";

const icons: Record<MenuEntry["icon"], ReactNode> = {
  today: <CalendarOutlined />,
  inbox: <InboxOutlined />,
  intake: <FileAddOutlined />,
  cases: <UnorderedListOutlined />,
  review: <AuditOutlined />,
  conflicts: <MergeCellsOutlined />,
  dashboard: <DashboardOutlined />,
  catalog: <BookOutlined />,
  sites: <ApartmentOutlined />,
  users: <TeamOutlined />,
  enrolment: <KeyOutlined />,
  absences: <UserSwitchOutlined />,
  smsLog: <MessageOutlined />,
  audit: <FileSearchOutlined />,
  calendar: <ScheduleOutlined />,
  report: <FileTextOutlined />,
  rectify: <FrownOutlined />,
  complaints: <ExclamationCircleOutlined />,
  desk: <CustomerServiceOutlined />,
  district: <FundOutlined />,
};

/** The frame of every signed-in screen: menu by role, site, sync state, language, user. */
export function AppLayout({ me, user }: { me: Me; user: SignedInUser }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const lockNow = useLockNow();
  const [changing, setChanging] = useState(false);
  useIdleLock(me.idleLockMinutes, true);
  const entries = menuFor(user.role, me.node.role, me.node.siteKind);
  const selected = entries.find((e) => location.pathname.startsWith(e.path))?.path;
  const inbox = useInbox(entries.some((e) => e.badge === "inbox"));
  const waiting = inboxBadge(inbox.data?.counts);
  const remindable = READERS.includes(user.role);
  const unreadReminders = reminderBadge(useReminderCount(remindable).data);
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={200}>
        <div style={{ padding: "16px 20px" }}>
          <Typography.Title level={4} style={{ margin: 0, color: "#c0392b" }}>
            {t("app.name")}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("app.tagline")}
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          onClick={({ key }) => navigate(key)}
          items={entries.map((e) => ({
            key: e.path,
            icon: icons[e.icon],
            label:
              e.badge === "inbox" && waiting > 0 ? (
                <Space size={6}>
                  {t(e.label)}
                  <Badge count={waiting} size="small" data-testid="inbox-badge" />
                </Space>
              ) : (
                t(e.label)
              ),
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: "#fff",
            padding: "0 20px",
            display: "flex",
            alignItems: "center",
            justifyContent: "space-between",
            borderBottom: "1px solid #f0f0f0",
          }}
        >
          <Space size="middle">
            <Typography.Text strong>{me.node.siteName}</Typography.Text>
            <SyncIndicator />
          </Space>
          <Space size="middle">
            {remindable && (
              <Button
                type="text"
                data-testid="reminders-bell"
                aria-label={`${t("reminders.bell")} ${unreadReminders}`}
                onClick={() => navigate("/reminders")}
                icon={
                  <Badge count={unreadReminders} size="small" overflowCount={99}>
                    <BellOutlined />
                  </Badge>
                }
              >
                {t("reminders.bell")}
              </Button>
            )}
            <LocaleSwitch />
            <Dropdown
              menu={{
                items: [
                  // Users are the hub's: a station's copy would be overwritten at the next sync.
                  ...(me.node.role === "hub"
                    ? [
                        {
                          key: "password",
                          icon: <KeyOutlined />,
                          label: t("auth.changePassword"),
                          onClick: () => setChanging(true),
                        },
                      ]
                    : []),
                  {
                    key: "lock",
                    icon: <LockOutlined />,
                    label: t("auth.lockNow"),
                    onClick: () => lockNow(),
                  },
                  {
                    key: "logout",
                    icon: <LogoutOutlined />,
                    label: t("auth.logout"),
                    onClick: () => logout.mutate(),
                  },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />}>
                {user.displayName} · {pick(roleLabels[user.role], lang)}
              </Button>
            </Dropdown>
            <ChangePasswordDialog user={user} open={changing} onClose={() => setChanging(false)} />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 20 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
