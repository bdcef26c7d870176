import { Alert, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import type { ApiError } from "../../api/errors";
import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";
import { useSites } from "../../lib/sites";
import { useCaseCommand } from "./use-case-command";

interface Values {
  toSiteId: string;
  reason: string;
}

/** 转办: hand the case to another site of the street, with the reason (跨域通办). */
export function TransferDialog(props: { detail: CaseDetail; open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError | null>(null);
  const sites = useSites();
  const transfer = useCaseCommand(props.detail.caseId, (v: Values) =>
    api.cases.transfer.mutate({ caseId: props.detail.caseId, ...v }),
  );
  const ok = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    transfer.mutate(v, {
      onSuccess: () => {
        form.resetFields();
        props.onClose();
      },
      onError: (e) => setError(placeFieldError(form, e, lang)),
    });
  };
  const options = (sites.data ?? [])
    .filter((s) => s.id !== props.detail.handlingSiteId)
    .map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` }));
  return (
    <Modal
      open={props.open}
      title={t("action.transfer")}
      onOk={ok}
      onCancel={props.onClose}
      confirmLoading={transfer.isPending}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error[lang]} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="transfer">
        <Form.Item
          name="toSiteId"
          label={t("transfer.to")}
          rules={[{ required: true, message: t("transfer.toRequired") }]}
        >
          <Select
            showSearch={{ optionFilterProp: "label" }}
            loading={sites.isPending}
            options={options}
            notFoundContent={sites.isError ? t("common.loadFailed") : t("transfer.noSites")}
            autoFocus
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("transfer.reason")}
          rules={[{ required: true, whitespace: true, message: t("transfer.reasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
