import type { AccessPurposeKind } from "@bangban/domain";
import { App, Button, Form, Radio } from "antd";
import { useState } from "react";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { downloadExport, type ExportFormat } from "../../lib/export-file";
import { purposeOf } from "../case/reveal-id";
import { PurposeFields } from "../case/reveal-id-dialog";

interface Values {
  format: ExportFormat;
  kind: AccessPurposeKind;
  note?: string;
}

/**
 * 导出（含完整证件号）: the case list with full ID numbers and phones where the user may reveal
 * them (the rest stay masked), asked with a purpose; the server logs the cases revealed.
 */
export function ExportRevealButton({ filters }: { filters: Record<string, unknown> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="export-cases-reveal">
        {t("export.reveal")}
      </Button>
      {open && (
        <FormDialog<Values, { rows: number }>
          open
          name="export-reveal"
          form={form}
          title={t("export.revealTitle")}
          okText={t("export.revealOk")}
          initialValues={{ format: "xlsx" }}
          intro={t("export.revealIntro")}
          onCancel={() => setOpen(false)}
          onSubmit={(v) => downloadExport("cases", v.format, { ...filters, reveal: purposeOf(v) })}
          onDone={(r) => {
            setOpen(false);
            void message.success(t("export.done", { rows: r.rows }));
          }}
          footnote={t("export.revealLogged")}
        >
          <Form.Item name="format" label={t("export.format")}>
            <Radio.Group
              options={[
                { value: "xlsx", label: "Excel" },
                { value: "csv", label: "CSV" },
              ]}
            />
          </Form.Item>
          <PurposeFields kind={kind} />
        </FormDialog>
      )}
    </>
  );
}
