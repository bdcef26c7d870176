import { PrinterOutlined } from "@ant-design/icons";
import type { ServiceItem } from "@bangban/domain";
import { App, Button, Checkbox, DatePicker, Form, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { errorText } from "../../api/errors";
import { api } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-context";
import { openRenderedPrint } from "../../lib/print";
import { gaps, type IntakeValues, toDraftInput } from "./intake-values";
import { latestPromiseDate } from "./promise-limit";

/**
 * 容缺: a promise date for each missing deferrable material, then the 承诺书 printed for the
 * applicant to sign, then ticked as signed — in the order it happens at the counter.
 */
export function DeferredFields(props: { item: ServiceItem; values: IntakeValues; today: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const form = Form.useFormInstance<IntakeValues>();
  const { item, values, today } = props;
  const deferrable = gaps(item, values).deferrable;
  const dated = deferrable.length > 0 && deferrable.every((m) => values.promises?.[m.code]);
  // The station checks the dates (within the promised limit) before they go on paper.
  const printCommitment = () => {
    const input = toDraftInput("deferred-commitment", item, form.getFieldsValue(true));
    openRenderedPrint(() => api.print.draft.mutate(input)).catch((e: unknown) =>
      message.error(errorText(e, lang), 6),
    );
  };
  const latest = latestPromiseDate(today, item.guide.promisedDays);
  const outOfRange = (d: Dayjs) => {
    const s = d.format("YYYY-MM-DD");
    return s <= today || (latest !== null && s > latest);
  };
  return (
    <>
      {latest && (
        <Typography.Paragraph type="secondary">
          {t("intake.deferred.latest", { date: latest, n: item.guide.promisedDays })}
        </Typography.Paragraph>
      )}
      {deferrable.map((m) => (
        <Form.Item
          key={m.code}
          name={["promises", m.code]}
          label={t("intake.deferred.promise", { name: m.name })}
          rules={[{ required: true, message: t("intake.deferred.promiseRequired") }]}
          getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : null })}
          normalize={(d: Dayjs | null) => (d ? d.format("YYYY-MM-DD") : undefined)}
        >
          <DatePicker disabledDate={outOfRange} style={{ width: 200 }} />
        </Form.Item>
      ))}
      <Typography.Paragraph type="secondary">{t("intake13.commitmentHint")}</Typography.Paragraph>
      <Button
        icon={<PrinterOutlined />}
        onClick={printCommitment}
        disabled={!dated}
        style={{ marginBottom: 12 }}
      >
        {t("intake13.printCommitment")}
      </Button>
      <Form.Item
        name="commitmentSigned"
        valuePropName="checked"
        rules={[
          {
            validator: (_r, v: boolean | undefined) =>
              v ? Promise.resolve() : Promise.reject(new Error(t("intake.deferred.signRequired"))),
          },
        ]}
      >
        <Checkbox>{t("intake.deferred.signed")}</Checkbox>
      </Form.Item>
      <Typography.Text type="secondary">{t("intake.deferred.printAfter")}</Typography.Text>
    </>
  );
}
