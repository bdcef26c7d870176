import { Alert, Button, Card, Form, Input } from "antd";
import { useEffect, useState } from "react";
import type { ApiError } from "../../api/errors";
import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";
import { useCaseCommand } from "./use-case-command";

/** 备注: free text on the case, shared with every site that handles it. */
export function RemarksCard({ detail }: { detail: CaseDetail }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ text: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  const [dirty, setDirty] = useState(false);
  const save = useCaseCommand(detail.caseId, (text: string) =>
    api.cases.updateRemarks.mutate({ caseId: detail.caseId, text }),
  );
  // Someone else's edit arrives with a refetch: take it unless the helper is typing.
  useEffect(() => {
    if (!dirty) form.setFieldsValue({ text: detail.remarks });
  }, [detail.remarks, dirty, form]);
  return (
    <Card size="small" title={t("case.remarks")}>
      {error && <Alert type="error" showIcon title={error[lang]} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        onValuesChange={() => setDirty(true)}
        onFinish={(v) => {
          setError(null);
          save.mutate(v.text ?? "", {
            onSuccess: () => setDirty(false),
            onError: (e) => setError(placeFieldError(form, e, lang)),
          });
        }}
      >
        <Form.Item name="text" style={{ marginBottom: 8 }}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Button htmlType="submit" loading={save.isPending} disabled={!dirty}>
          {t("common.save")}
        </Button>
      </Form>
    </Card>
  );
}
