import { COMPLAINT_CHANNELS } from "@bangban/domain";
import { useQuery } from "@tanstack/react-query";
import { Checkbox, Form, Input, Radio, Select } from "antd";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";
import { type RegisterValues, registerFieldOf, registerInputOf } from "./complaint-view";

/** 投诉登记: channel, target (site, staff, case), content, the complainant (or anonymous). */
export function RegisterDialog(props: { open: boolean; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RegisterValues>();
  const anonymous = Form.useWatch("anonymous", form);
  const sites = useQuery({ ...trpcQuery("sites.list"), enabled: props.open });
  const staff = useQuery({ ...trpcQuery("complaints.staff"), enabled: props.open });
  return (
    <FormDialog<RegisterValues>
      open={props.open}
      name="complaint-register"
      form={form}
      title={t("complaints.register")}
      intro={t("complaints.registerIntro")}
      initialValues={{ channel: "cant_get_it_done_desk", written: false, complexity: "simple" }}
      onSubmit={(v) => api.complaints.register.mutate(registerInputOf(v) as never)}
      onDone={() => props.onClose(true)}
      onCancel={() => props.onClose(false)}
      errors={{ rename: (f) => [registerFieldOf(f)] }}
      footnote={t("complaints.confidential")}
      width={640}
    >
      <Form.Item name="channel" label={t("complaints.channel")} rules={[{ required: true }]}>
        <Select
          options={COMPLAINT_CHANNELS.map((c) => ({
            value: c,
            label: t(`complaints.channel.${c}` as MessageKey),
          }))}
        />
      </Form.Item>
      <Form.Item name="targetSiteId" label={t("complaints.targetSite")}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item name="targetStaffId" label={t("complaints.targetStaff")}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Form.Item name="targetCaseId" label={t("complaints.targetCase")}>
        <Input placeholder={t("complaints.targetCaseHint")} />
      </Form.Item>
      <Form.Item
        name="content"
        label={t("complaints.content")}
        rules={[{ required: true, whitespace: true, message: t("complaints.contentRequired") }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="complexity" label={t("complaints.complexity")}>
        <Radio.Group
          options={[
            { value: "simple", label: t("complaints.simple") },
            { value: "complex", label: t("complaints.complex") },
          ]}
        />
      </Form.Item>
      <Form.Item name="written" valuePropName="checked">
        <Checkbox>{t("complaints.written")}</Checkbox>
      </Form.Item>
      <Form.Item name="anonymous" valuePropName="checked">
        <Checkbox>{t("complaints.anonymous")}</Checkbox>
      </Form.Item>
      {!anonymous && (
        <>
          <Form.Item
            name="name"
            label={t("complaints.name")}
            rules={[{ required: true, whitespace: true, message: t("complaints.nameRequired") }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t("complaints.phone")}
            rules={[{ required: true, whitespace: true, message: t("complaints.phoneRequired") }]}
          >
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="idNumber" label={t("complaints.idNumber")}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="address" label={t("complaints.address")}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
