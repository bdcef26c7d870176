import { EditOutlined, KeyOutlined, NumberOutlined, UserAddOutlined } from "@ant-design/icons";
import { roleLabels } from "@bangban/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import type { AdminUser } from "../../api/types";
import { CrudTable } from "../../components/kit/crud-table";
import { PageHeader } from "../../components/kit/page-header";
import { useI18n } from "../../i18n/i18n-context";
import { pick } from "../../i18n/lang";
import { UserCreateDialog } from "./user-create-dialog";
import { UserEditDialog } from "./user-edit-dialog";
import { useAdminSites } from "./user-fields";
import { PinDialog, ResetPasswordDialog } from "./user-secret-dialogs";

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; user: AdminUser }
  | { kind: "password"; user: AdminUser }
  | { kind: "pin"; user: AdminUser }
  | null;

/** 用户 (hub): staff accounts of the center, its stations and the district. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [siteFilter, setSiteFilter] = useState<string | undefined>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const sites = useAdminSites();
  const users = useQuery({
    ...trpcQuery("admin.users.list", siteFilter ? { siteId: siteFilter } : {}),
  });
  const siteName = (id: string) => sites.data?.find((s) => s.id === id)?.name ?? id;
  const close = () => setDialog(null);
  const done = async () => {
    setDialog(null);
    message.success(t("common.saved"));
    await client.invalidateQueries(pathFilter("admin.users.list"));
  };
  const userOf = (kind: "edit" | "password" | "pin") =>
    dialog?.kind === kind ? dialog.user : null;
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("users.title")}
        extra={
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => setDialog({ kind: "create" })}
          >
            {t("users.create")}
          </Button>
        }
      />
      <CrudTable<AdminUser>
        query={users}
        rowKey="id"
        empty={t("users.empty")}
        toolbar={
          <Space>
            <Typography.Text>{t("users.site")}</Typography.Text>
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              style={{ width: 260 }}
              placeholder={t("queue.allSites")}
              value={siteFilter}
              onChange={setSiteFilter}
              loading={sites.isPending}
              options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Space>
        }
        columns={[
          { title: t("users.displayName"), dataIndex: "displayName" },
          { title: t("users.username"), dataIndex: "username" },
          {
            title: t("users.role"),
            dataIndex: "role",
            render: (r: AdminUser["role"]) => pick(roleLabels[r], lang),
          },
          { title: t("users.site"), dataIndex: "siteId", render: (v: string) => siteName(v) },
          {
            title: t("users.state"),
            key: "state",
            render: (_: unknown, u) => (
              <Space size={4}>
                <Tag color={u.active ? "success" : "default"}>
                  {t(u.active ? "users.active" : "users.inactive")}
                </Tag>
                {u.hasPin && <Tag>{t("users.hasPin")}</Tag>}
              </Space>
            ),
          },
        ]}
        actions={(user) => [
          {
            key: "edit",
            label: t("common.edit"),
            icon: <EditOutlined />,
            onClick: () => setDialog({ kind: "edit", user }),
          },
          {
            key: "password",
            label: t("users.resetPassword"),
            icon: <KeyOutlined />,
            onClick: () => setDialog({ kind: "password", user }),
          },
          {
            key: "pin",
            label: t("users.pin"),
            icon: <NumberOutlined />,
            onClick: () => setDialog({ kind: "pin", user }),
          },
        ]}
      />
      <UserCreateDialog open={dialog?.kind === "create"} onCancel={close} onDone={done} />
      <UserEditDialog user={userOf("edit")} onCancel={close} onDone={done} />
      <ResetPasswordDialog user={userOf("password")} onCancel={close} onDone={done} />
      <PinDialog user={userOf("pin")} onCancel={close} onDone={done} />
    </Flex>
  );
}
