import type { ServiceItem } from "@bangban/domain";
import { Checkbox, Form, Input, Typography } from "antd";
import { useI18n } from "../../i18n/i18n-context";
import { gaps, type IntakeValues } from "./intake-values";

/** 一次性告知: every missing material, each with what is needed; nothing may be left out. */
export function NoticeFields({ item, values }: { item: ServiceItem; values: IntakeValues }) {
  const { t } = useI18n();
  const g = gaps(item, values);
  const listed = [...g.mandatory, ...g.deferrable];
  return (
    <>
      <Typography.Paragraph type="secondary">{t("intake.notice.hint")}</Typography.Paragraph>
      {listed.map((m) => (
        <Form.Item key={m.code} name={["reasons", m.code]} label={m.name}>
          <Input maxLength={200} placeholder={t("intake.notice.reasonDefault")} />
        </Form.Item>
      ))}
      {g.conditional.map((m) => (
        <div key={m.code}>
          <Form.Item name={["conditionalNeeded", m.code]} valuePropName="checked" noStyle>
            <Checkbox>{t("intake.notice.conditional", { name: m.name })}</Checkbox>
          </Form.Item>
          {values.conditionalNeeded?.[m.code] && (
            <Form.Item name={["reasons", m.code]} style={{ marginTop: 8 }}>
              <Input maxLength={200} placeholder={t("intake.notice.reasonDefault")} />
            </Form.Item>
          )}
        </div>
      ))}
    </>
  );
}
