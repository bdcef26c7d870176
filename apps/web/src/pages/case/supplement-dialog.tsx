import { UploadOutlined } from "@ant-design/icons";
import type { UploadFile } from "antd";
import { Button, Checkbox, Form, Space, Typography, Upload } from "antd";
import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { materialStateKey } from "../../lib/labels";
import { uploadAttachment } from "../../lib/upload";
import { useCaseCommand } from "./use-case-command";

interface Values {
  codes: string[];
  files?: Record<string, UploadFile[] | undefined>;
}

/** 补充材料: what the resident brought back (补正 or 容缺), with optional scans. */
export function SupplementDialog(props: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { detail } = props;
  const [form] = Form.useForm<Values>();
  const codes = Form.useWatch<string[] | undefined>("codes", form) ?? [];
  const open = detail.materials.filter((m) => m.state === "missing" || m.state === "deferred");
  const supplement = useCaseCommand(detail.caseId, async (v: Values) => {
    // Upload first: a failed upload sends nothing, and the chosen files stay chosen.
    const materials = [];
    for (const code of v.codes) {
      const hashes: string[] = [];
      for (const f of v.files?.[code] ?? []) {
        if (f.originFileObj)
          hashes.push((await uploadAttachment(detail.caseId, code, f.originFileObj)).hash);
      }
      materials.push({ code, attachments: hashes });
    }
    return api.cases.supplement.mutate({ caseId: detail.caseId, materials });
  });
  return (
    <FormDialog<Values>
      name="supplement"
      form={form}
      open={props.open}
      title={t("action.supplement")}
      width={600}
      onCancel={props.onClose}
      onSubmit={(v) => supplement.mutateAsync(v)}
      onDone={props.onClose}
    >
      <Form.Item
        name="codes"
        label={t("supplement.which")}
        rules={[{ required: true, message: t("supplement.required") }]}
      >
        <Checkbox.Group style={{ width: "100%" }}>
          <Space orientation="vertical">
            {open.map((m) => (
              <Checkbox key={m.code} value={m.code}>
                {m.name}{" "}
                <Typography.Text type="secondary">
                  （{t(materialStateKey[m.state])}）
                </Typography.Text>
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
      {codes.map((code) => (
        <Form.Item
          key={code}
          name={["files", code]}
          label={t("supplement.scans", { name: open.find((m) => m.code === code)?.name ?? code })}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
        >
          <Upload beforeUpload={() => false} multiple accept="image/jpeg,image/png,application/pdf">
            <Button size="small" icon={<UploadOutlined />}>
              {t("material.upload")}
            </Button>
          </Upload>
        </Form.Item>
      ))}
    </FormDialog>
  );
}
