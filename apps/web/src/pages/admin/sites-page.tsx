import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Form, Input, Switch, Tag, Tooltip } from "antd";
import { useState } from "react";
import { errorText } from "../../api/errors";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import type { Site } from "../../api/types";
import { useMe } from "../../auth/use-me";
import { DistrictManagedNote, useDistrictManaged } from "../../components/district-managed";
import { CrudTable } from "../../components/kit/crud-table";
import { FormDialog } from "../../components/kit/form-dialog";
import { PageHeader } from "../../components/kit/page-header";
import { useI18n } from "../../i18n/i18n-context";
import { phoneValid } from "../../lib/validators";
import { hasLocalItemsSwitch, siteKindOfCode } from "./site-form";

interface SiteValues {
  divisionCode?: string;
  name?: string;
  address?: string;
  phone?: string;
}

const KIND_COLOUR: Record<Site["kind"], string> = {
  district: "purple",
  center: "blue",
  station: "green",
};

/** 站点 (hub): the district → street center → community station hierarchy. */
export function SitesPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<{ kind: "create" } | { kind: "edit"; site: Site } | null>(
    null,
  );
  const sites = useQuery({
    ...trpcQuery("admin.sites.list", {}),
  });
  const readOnly = useDistrictManaged();
  const done = async () => {
    setDialog(null);
    message.success(t("common.saved"));
    await client.invalidateQueries(pathFilter("admin.sites.list"));
    await client.invalidateQueries(pathFilter("sites.list"));
  };
  const nodeKind = useMe().data?.node.siteKind;
  const localItems = useMutation({
    mutationFn: (v: { siteId: string; allowed: boolean }) =>
      api.admin.sites.setLocalItems.mutate(v),
    onSuccess: async (_r, v) => {
      message.success(v.allowed ? t("localItems.allowedNow") : t("localItems.stoppedNow"));
      await client.invalidateQueries(pathFilter("admin.sites.list"));
    },
    onError: (e) => message.error(errorText(e, lang), 6),
  });
  const parentName = (id: string | null) =>
    id ? (sites.data?.find((s) => s.id === id)?.name ?? id) : "—";
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("sites.title")}
        subtitle={t(readOnly ? "sites.introManaged" : "sites.intro")}
        extra={
          !readOnly && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: "create" })}
            >
              {t("sites.create")}
            </Button>
          )
        }
      />
      <DistrictManagedNote />
      <CrudTable<Site>
        query={sites}
        rowKey="id"
        empty={t("sites.empty")}
        columns={[
          { title: t("sites.code"), dataIndex: "id", width: 140 },
          { title: t("sites.name"), dataIndex: "name" },
          {
            title: t("sites.kind"),
            dataIndex: "kind",
            render: (k: Site["kind"]) => <Tag color={KIND_COLOUR[k]}>{t(`sites.kind.${k}`)}</Tag>,
          },
          {
            title: t("sites.parent"),
            dataIndex: "parentId",
            render: (v: string | null) => parentName(v),
          },
          { title: t("sites.address"), dataIndex: "address" },
          { title: t("sites.phone"), dataIndex: "phone" },
          ...(nodeKind === "district"
            ? [
                {
                  title: (
                    <Tooltip title={t("localItems.columnHint")}>{t("localItems.column")}</Tooltip>
                  ),
                  key: "localItems",
                  width: 120,
                  render: (_: unknown, s: Site) =>
                    hasLocalItemsSwitch(nodeKind, s) ? (
                      <Switch
                        size="small"
                        aria-label={t("localItems.column")}
                        checked={s.localItems}
                        loading={localItems.isPending && localItems.variables?.siteId === s.id}
                        onChange={(allowed) => localItems.mutate({ siteId: s.id, allowed })}
                      />
                    ) : (
                      "—"
                    ),
                },
              ]
            : []),
        ]}
        actions={
          readOnly
            ? undefined
            : (s) => [
                {
                  key: "edit",
                  label: t("common.edit"),
                  icon: <EditOutlined />,
                  onClick: () => setDialog({ kind: "edit", site: s }),
                },
              ]
        }
      />
      <CreateSiteDialog
        open={dialog?.kind === "create"}
        onCancel={() => setDialog(null)}
        onDone={done}
      />
      <EditSiteDialog
        site={dialog?.kind === "edit" ? dialog.site : null}
        onCancel={() => setDialog(null)}
        onDone={done}
      />
    </Flex>
  );
}

interface DialogProps {
  onCancel: () => void;
  onDone: () => void;
}

/** A new site, by its division code (which says its kind and its parent). */
function CreateSiteDialog(props: DialogProps & { open: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<SiteValues>();
  const codeKind = siteKindOfCode(Form.useWatch("divisionCode", form));
  const create = useMutation({
    mutationFn: (v: SiteValues) =>
      api.admin.sites.create.mutate({
        divisionCode: (v.divisionCode ?? "").trim(),
        name: (v.name ?? "").trim(),
        address: (v.address ?? "").trim(),
        phone: (v.phone ?? "").trim(),
      }),
  });
  return (
    <FormDialog<SiteValues>
      open={props.open}
      title={t("sites.create")}
      name="site-create"
      form={form}
      onCancel={props.onCancel}
      onSubmit={(v) => create.mutateAsync(v)}
      onDone={props.onDone}
    >
      <Form.Item
        name="divisionCode"
        label={t("sites.divisionCode")}
        extra={codeKind ? t(`sites.codeIs.${codeKind}`) : t("sites.divisionCodeHint")}
        validateTrigger="onBlur"
        rules={[
          { required: true, whitespace: true, message: t("sites.divisionCodeRequired") },
          {
            validator: (_r, v: string | undefined) =>
              !v?.trim() || siteKindOfCode(v)
                ? Promise.resolve()
                : Promise.reject(new Error(t("sites.divisionCodeFormat"))),
          },
        ]}
      >
        <Input maxLength={12} inputMode="numeric" style={{ fontFamily: "monospace" }} />
      </Form.Item>
      <SiteFields />
    </FormDialog>
  );
}

/** A site's name, address and phone; its code and kind never change. */
function EditSiteDialog(props: DialogProps & { site: Site | null }) {
  const { t } = useI18n();
  const { site } = props;
  const update = useMutation({
    mutationFn: ({ site, v }: { site: Site; v: SiteValues }) =>
      api.admin.sites.update.mutate({
        id: site.id,
        name: v.name?.trim(),
        address: v.address?.trim(),
        phone: v.phone?.trim(),
        expectedVersion: site.version,
      }),
  });
  return (
    <FormDialog<SiteValues>
      open={site !== null}
      title={t("sites.edit", { name: site?.name ?? "" })}
      name="site-edit"
      initialValues={site ? { name: site.name, address: site.address, phone: site.phone } : {}}
      onCancel={props.onCancel}
      onSubmit={(v) => (site ? update.mutateAsync({ site, v }) : Promise.resolve())}
      onDone={props.onDone}
    >
      <SiteFields />
    </FormDialog>
  );
}

function SiteFields() {
  const { t, lang } = useI18n();
  return (
    <>
      <Form.Item
        name="name"
        label={t("sites.name")}
        rules={[{ required: true, whitespace: true, message: t("sites.nameRequired") }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="address"
        label={t("sites.address")}
        rules={[{ required: true, whitespace: true, message: t("sites.addressRequired") }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t("sites.phone")}
        validateTrigger="onBlur"
        rules={[
          { required: true, whitespace: true, message: t("sites.phoneRequired") },
          { validator: phoneValid(lang) },
        ]}
      >
        <Input maxLength={30} placeholder="0571-88881234" />
      </Form.Item>
    </>
  );
}
