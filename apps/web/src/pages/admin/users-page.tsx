import { EditOutlined, KeyOutlined, NumberOutlined, UserAddOutlined } from "@ant-design/icons";
import { roleLabels } from "@bangban/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormInstance } from "antd";
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { api } from "../../api/trpc";
import type { AdminUser } from "../../api/types";
import { useMe } from "../../auth/use-me";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { pick } from "../../i18n/lang";
import { CommandDialog } from "../case/command-dialog";
import {
  createInputOf,
  type EditUserValues,
  grantableRoles,
  type NewUserValues,
  type StaffRole,
  sitesForRole,
  updateInputOf,
  usernameValid,
} from "./user-form";

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; user: AdminUser }
  | { kind: "password"; user: AdminUser }
  | { kind: "pin"; user: AdminUser }
  | null;

const USERS_KEY = ["admin.users.list"] as const;

function useAdminSites() {
  return useQuery({
    queryKey: ["admin.sites.list"],
    queryFn: () => api.admin.sites.list.query({}),
    staleTime: 60_000,
  });
}

function RoleAndSite<V extends { role?: StaffRole; siteId?: string }>({
  form,
}: {
  form: FormInstance<V>;
}) {
  const { t, lang } = useI18n();
  const me = useMe();
  const sites = useAdminSites();
  const role = Form.useWatch<StaffRole | undefined>("role", form);
  return (
    <>
      <Form.Item
        name="role"
        label={t("users.role")}
        rules={[{ required: true, message: t("users.roleRequired") }]}
      >
        <Select
          onChange={() => form.setFieldsValue({ siteId: undefined } as Partial<V> as never)}
          options={grantableRoles(me.data?.user?.role ?? "center_lead").map((r) => ({
            value: r,
            label: pick(roleLabels[r], lang),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="siteId"
        label={t("users.site")}
        extra={role ? t(`users.siteKind.${role}`) : undefined}
        rules={[{ required: true, message: t("users.siteRequired") }]}
      >
        <Select
          showSearch={{ optionFilterProp: "label" }}
          loading={sites.isPending}
          options={sitesForRole(sites.data ?? [], role).map((s) => ({
            value: s.id,
            label: `${s.name}（${s.id}）`,
          }))}
        />
      </Form.Item>
    </>
  );
}

/** 用户 (hub): staff accounts of the center, its stations and the district. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const me = useMe();
  const [siteFilter, setSiteFilter] = useState<string | undefined>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const sites = useAdminSites();
  const users = useQuery({
    queryKey: [...USERS_KEY, siteFilter ?? "all"],
    queryFn: () => api.admin.users.list.query(siteFilter ? { siteId: siteFilter } : {}),
  });
  const siteName = (id: string) => sites.data?.find((s) => s.id === id)?.name ?? id;
  const [createForm] = Form.useForm<NewUserValues>();
  const [editForm] = Form.useForm<EditUserValues>();
  const [passwordForm] = Form.useForm<{ password: string }>();
  const [pinForm] = Form.useForm<{ pin?: string }>();
  const refresh = () => client.invalidateQueries({ queryKey: USERS_KEY });
  const done = async () => {
    setDialog(null);
    message.success(t("common.saved"));
    await refresh();
  };
  const create = useMutation({
    mutationFn: (v: NewUserValues) => api.admin.users.create.mutate(createInputOf(v)),
  });
  const update = useMutation({
    mutationFn: ({ user, v }: { user: AdminUser; v: EditUserValues }) =>
      api.admin.users.update.mutate(updateInputOf(user, v)),
  });
  const resetPassword = useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api.admin.users.resetPassword.mutate({ id, password }),
  });
  const setPin = useMutation({
    mutationFn: ({ id, pin }: { id: string; pin: string | null }) =>
      api.admin.users.setPin.mutate({ id, pin }),
  });
  const editing = dialog?.kind === "edit" ? dialog.user : null;
  const target = dialog && dialog.kind !== "create" ? dialog.user : null;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("users.title")}
        </Typography.Title>
        <Button
          type="primary"
          icon={<UserAddOutlined />}
          onClick={() => {
            createForm.resetFields();
            setDialog({ kind: "create" });
          }}
        >
          {t("users.create")}
        </Button>
      </Flex>
      <Card>
        <Space style={{ marginBottom: 16 }}>
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
        <QueryState query={users} isEmpty={(d) => d.length === 0} empty={t("users.empty")}>
          {(rows) => (
            <Table<AdminUser>
              rowKey="id"
              size="middle"
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50 } : false}
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
                {
                  key: "actions",
                  render: (_: unknown, u) => (
                    <Space size={4} wrap>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => {
                          editForm.setFieldsValue({
                            displayName: u.displayName,
                            role: u.role as EditUserValues["role"],
                            siteId: u.siteId,
                            active: u.active,
                          });
                          setDialog({ kind: "edit", user: u });
                        }}
                      >
                        {t("common.edit")}
                      </Button>
                      <Button
                        size="small"
                        icon={<KeyOutlined />}
                        onClick={() => {
                          passwordForm.resetFields();
                          setDialog({ kind: "password", user: u });
                        }}
                      >
                        {t("users.resetPassword")}
                      </Button>
                      <Button
                        size="small"
                        icon={<NumberOutlined />}
                        onClick={() => {
                          pinForm.resetFields();
                          setDialog({ kind: "pin", user: u });
                        }}
                      >
                        {t("users.pin")}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>

      <CommandDialog
        open={dialog?.kind === "create"}
        title={t("users.create")}
        name="user-create"
        form={createForm}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => create.mutateAsync(v).then(done)}
      >
        <Form.Item
          name="username"
          label={t("users.username")}
          extra={t("users.usernameHint")}
          validateTrigger="onBlur"
          rules={[
            { required: true, whitespace: true, message: t("users.usernameRequired") },
            {
              validator: (_r, v: string | undefined) =>
                !v?.trim() || usernameValid(v)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("users.usernameFormat"))),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t("users.displayName")}
          rules={[{ required: true, whitespace: true, message: t("person.nameRequired") }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <RoleAndSite form={createForm} />
        <Form.Item
          name="password"
          label={t("users.password")}
          rules={[
            { required: true, message: t("users.passwordRequired") },
            { min: 8, message: t("users.passwordShort") },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="pin"
          label={t("users.pinOptional")}
          rules={[{ pattern: /^\d{6}$/, message: t("login.pinFormat") }]}
        >
          <Input inputMode="numeric" maxLength={6} autoComplete="off" style={{ width: 160 }} />
        </Form.Item>
      </CommandDialog>

      <CommandDialog
        open={dialog?.kind === "edit"}
        title={t("users.edit", { name: editing?.displayName ?? "" })}
        name="user-edit"
        form={editForm}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          editing ? update.mutateAsync({ user: editing, v }).then(done) : Promise.resolve()
        }
      >
        <Form.Item
          name="displayName"
          label={t("users.displayName")}
          rules={[{ required: true, whitespace: true, message: t("person.nameRequired") }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <RoleAndSite form={editForm} />
        <Form.Item
          name="active"
          label={t("users.state")}
          valuePropName="checked"
          extra={editing?.id === me.data?.user?.id ? t("users.selfHint") : t("users.activeHint")}
        >
          <Switch
            checkedChildren={t("users.active")}
            unCheckedChildren={t("users.inactive")}
            disabled={editing?.id === me.data?.user?.id}
          />
        </Form.Item>
      </CommandDialog>

      <CommandDialog
        open={dialog?.kind === "password"}
        title={t("users.resetPasswordFor", { name: target?.displayName ?? "" })}
        name="user-password"
        form={passwordForm}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          target
            ? resetPassword.mutateAsync({ id: target.id, password: v.password }).then(done)
            : Promise.resolve()
        }
      >
        <Typography.Paragraph type="secondary">{t("users.resetPasswordHint")}</Typography.Paragraph>
        <Form.Item
          name="password"
          label={t("users.password")}
          rules={[
            { required: true, message: t("users.passwordRequired") },
            { min: 8, message: t("users.passwordShort") },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
      </CommandDialog>

      <CommandDialog
        open={dialog?.kind === "pin"}
        title={t("users.pinFor", { name: target?.displayName ?? "" })}
        name="user-pin"
        form={pinForm}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          target
            ? setPin.mutateAsync({ id: target.id, pin: v.pin?.trim() || null }).then(done)
            : Promise.resolve()
        }
      >
        <Typography.Paragraph type="secondary">{t("users.pinHint")}</Typography.Paragraph>
        <Form.Item
          name="pin"
          label={t("login.pin")}
          rules={[{ pattern: /^\d{6}$/, message: t("login.pinFormat") }]}
        >
          <Input inputMode="numeric" maxLength={6} autoComplete="off" style={{ width: 160 }} />
        </Form.Item>
      </CommandDialog>
    </Flex>
  );
}
