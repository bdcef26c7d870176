import type { ServiceItem } from "@bangban/domain";
import { Checkbox, DatePicker, Form, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useI18n } from "../../i18n/i18n-context";
import { gaps, type IntakeValues } from "./intake-values";
import { latestPromiseDate } from "./promise-limit";

/** 容缺: a promise date for each missing deferrable material, and the signed commitment. */
export function DeferredFields(props: { item: ServiceItem; values: IntakeValues; today: string }) {
  const { t } = useI18n();
  const { item, values, today } = props;
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
      {gaps(item, values).deferrable.map((m) => (
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
