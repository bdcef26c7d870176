import { Form, Input, Select } from "antd";
import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { useSites } from "../../lib/sites";
import { useCaseCommand } from "./use-case-command";

interface Values {
  toSiteId: string;
  reason: string;
}

/** 转办: hand the case to another site of the street, with the reason (跨域通办). */
export function TransferDialog(props: { detail: CaseDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const sites = useSites();
  const transfer = useCaseCommand(props.detail.caseId, (v: Values) =>
    api.cases.transfer.mutate({ caseId: props.detail.caseId, ...v }),
  );
  const options = (sites.data ?? [])
    .filter((s) => s.id !== props.detail.handlingSiteId)
    .map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` }));
  return (
    <FormDialog<Values>
      name="transfer"
      open={props.open}
      title={t("action.transfer")}
      onCancel={props.onClose}
      onSubmit={(v) => transfer.mutateAsync(v)}
      onDone={props.onClose}
    >
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
    </FormDialog>
  );
}
