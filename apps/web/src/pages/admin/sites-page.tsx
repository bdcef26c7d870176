import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Flex, Form, Input, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api/trpc";
import type { Site } from "../../api/types";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import { phoneValid } from "../../lib/validators";
import { CommandDialog } from "../case/command-dialog";
import { siteKindOfCode } from "./site-form";

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
  const [createForm] = Form.useForm<SiteValues>();
  const [editForm] = Form.useForm<SiteValues>();
  const sites = useQuery({
    queryKey: ["admin.sites.list"],
    queryFn: () => api.admin.sites.list.query({}),
  });
  const code = Form.useWatch("divisionCode", createForm);
  const codeKind = siteKindOfCode(code);
  const done = async () => {
    setDialog(null);
    message.success(t("common.saved"));
    await client.invalidateQueries({ queryKey: ["admin.sites.list"] });
    await client.invalidateQueries({ queryKey: ["sites.list"] });
  };
  const create = useMutation({
    mutationFn: (v: SiteValues) =>
      api.admin.sites.create.mutate({
        divisionCode: (v.divisionCode ?? "").trim(),
        name: (v.name ?? "").trim(),
        address: (v.address ?? "").trim(),
        phone: (v.phone ?? "").trim(),
      }),
  });
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
  const parentName = (id: string | null) =>
    id ? (sites.data?.find((s) => s.id === id)?.name ?? id) : "—";
  const editing = dialog?.kind === "edit" ? dialog.site : null;
  const fields = (
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
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("sites.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("sites.intro")}</Typography.Text>
        </div>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            createForm.resetFields();
            setDialog({ kind: "create" });
          }}
        >
          {t("sites.create")}
        </Button>
      </Flex>
      <Card>
        <QueryState query={sites} isEmpty={(d) => d.length === 0} empty={t("sites.empty")}>
          {(rows) => (
            <Table<Site>
              rowKey="id"
              size="middle"
              dataSource={rows}
              pagination={false}
              columns={[
                { title: t("sites.code"), dataIndex: "id", width: 140 },
                { title: t("sites.name"), dataIndex: "name" },
                {
                  title: t("sites.kind"),
                  dataIndex: "kind",
                  render: (k: Site["kind"]) => (
                    <Tag color={KIND_COLOUR[k]}>{t(`sites.kind.${k}`)}</Tag>
                  ),
                },
                {
                  title: t("sites.parent"),
                  dataIndex: "parentId",
                  render: (v: string | null) => parentName(v),
                },
                { title: t("sites.address"), dataIndex: "address" },
                { title: t("sites.phone"), dataIndex: "phone" },
                {
                  key: "edit",
                  render: (_: unknown, s) => (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => {
                        editForm.setFieldsValue({
                          name: s.name,
                          address: s.address,
                          phone: s.phone,
                        });
                        setDialog({ kind: "edit", site: s });
                      }}
                    >
                      {t("common.edit")}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
      <CommandDialog
        open={dialog?.kind === "create"}
        title={t("sites.create")}
        name="site-create"
        form={createForm}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => create.mutateAsync(v).then(done)}
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
        {fields}
      </CommandDialog>
      <CommandDialog
        open={dialog?.kind === "edit"}
        title={t("sites.edit", { name: editing?.name ?? "" })}
        name="site-edit"
        form={editForm}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          editing ? update.mutateAsync({ site: editing, v }).then(done) : Promise.resolve()
        }
      >
        {fields}
      </CommandDialog>
    </Flex>
  );
}
