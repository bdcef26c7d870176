import { roleLabels } from "@bangban/domain";
import { useQuery } from "@tanstack/react-query";
import type { FormInstance } from "antd";
import { Form, Input, Select } from "antd";
import { trpcQuery } from "../../api/queries";
import { useMe } from "../../auth/use-me";
import { useI18n } from "../../i18n/i18n-context";
import { pick } from "../../i18n/lang";
import { useSiteUsers } from "../../lib/users";
import { backupChoices, grantableRoles, type StaffRole, sitesForRole } from "./user-form";

/** Every site of the hub (any kind), for choosing where an account works. */
export function useAdminSites() {
  return useQuery({
    ...trpcQuery("admin.sites.list", {}),
    staleTime: 60_000,
  });
}

/** 岗位 and 所属站点: choosing a post narrows the sites to the kind it works at. */
export function RoleAndSite<
  V extends { role?: StaffRole; siteId?: string; backupUserId?: string },
>({ form }: { form: FormInstance<V> }) {
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
          onChange={() =>
            form.setFieldsValue({
              siteId: undefined,
              backupUserId: undefined,
            } as Partial<V> as never)
          }
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
          // A B岗 works at the account's site: another site means choosing again.
          onChange={() => form.setFieldsValue({ backupUserId: undefined } as Partial<V> as never)}
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

/** B岗: who covers the account while it is away; only active colleagues of the same site. */
export function BackupField<V extends { siteId?: string }>(props: {
  form: FormInstance<V>;
  userId: string | undefined;
}) {
  const { t, lang } = useI18n();
  const siteId = Form.useWatch<string | undefined>("siteId", props.form);
  const users = useSiteUsers(siteId, siteId !== undefined);
  return (
    <Form.Item name="backupUserId" label={t("ab.backup")} extra={t("ab.backupHint")}>
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        loading={siteId !== undefined && users.isPending}
        notFoundContent={users.isError ? t("common.loadFailed") : t("ab.noBackupChoices")}
        options={backupChoices(users.data ?? [], { id: props.userId, siteId }).map((u) => ({
          value: u.id,
          label: `${u.displayName}（${pick(roleLabels[u.role], lang)}）`,
        }))}
      />
    </Form.Item>
  );
}

/** The name the account is shown by (承办人, timelines). */
export function DisplayNameField() {
  const { t } = useI18n();
  return (
    <Form.Item
      name="displayName"
      label={t("users.displayName")}
      rules={[{ required: true, whitespace: true, message: t("person.nameRequired") }]}
    >
      <Input maxLength={50} />
    </Form.Item>
  );
}

/** A new password (at least 8 characters; the hub checks the rest). */
export function PasswordField() {
  const { t } = useI18n();
  return (
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
  );
}

/** A 6-digit PIN for quick sign-in at the counter; blank for none. */
export function PinField(props: { label: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="pin"
      label={props.label}
      rules={[{ pattern: /^\d{6}$/, message: t("login.pinFormat") }]}
    >
      <Input inputMode="numeric" maxLength={6} autoComplete="off" style={{ width: 160 }} />
    </Form.Item>
  );
}
