import type { ServiceItem } from "@bangban/domain";
import { Alert, Card, Form, Radio, Space, Typography } from "antd";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";
import { DeferredFields } from "./deferred-fields";
import { type IntakeValues, type Outcome, type OutcomeRefusal, outcomesFor } from "./intake-values";
import { NoticeFields } from "./notice-fields";

const whyKey: Record<OutcomeRefusal, MessageKey> = {
  missing: "intake.outcome.why.missing",
  notDeferrable: "intake.outcome.why.notDeferrable",
  sameDay: "intake.outcome.why.sameDay",
  mandatoryMissing: "intake.outcome.why.mandatoryMissing",
  complete: "intake.outcome.why.complete",
};

/** Step 5: accept, accept with 容缺 (promise dates), or 一次性告知 listing every gap. */
export function OutcomeStep({ item, today }: { item: ServiceItem; today: string }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const outcome = Form.useWatch<Outcome | undefined>("outcome");
  const values: IntakeValues =
    Form.useWatch((v: IntakeValues) => v, { form, preserve: true }) ?? {};
  const allowed = outcomesFor(item, values);
  const option = (key: Outcome, label: MessageKey, hint: MessageKey) => {
    const a = allowed[key];
    return (
      <Radio value={key} disabled={!a.ok} autoFocus={key === outcome}>
        <Typography.Text strong>{t(label)}</Typography.Text>
        <br />
        <Typography.Text type="secondary">
          {a.ok ? t(hint) : t(whyKey[a.why ?? "missing"])}
        </Typography.Text>
      </Radio>
    );
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Form.Item
        name="outcome"
        label={t("intake.outcome.label")}
        rules={[
          { required: true, message: t("intake.outcome.required") },
          {
            validator: (_r, v: Outcome | undefined) =>
              v && !allowed[v].ok
                ? Promise.reject(new Error(t(whyKey[allowed[v].why ?? "missing"])))
                : Promise.resolve(),
          },
        ]}
      >
        <Radio.Group>
          <Space orientation="vertical">
            {option("accept", "intake.outcome.accept", "intake.outcome.acceptHint")}
            {option("deferred", "intake.outcome.deferred", "intake.outcome.deferredHint")}
            {option("notice", "intake.outcome.notice", "intake.outcome.noticeHint")}
          </Space>
        </Radio.Group>
      </Form.Item>
      {outcome === "accept" && allowed.accept.ok && (
        <Alert
          type="success"
          showIcon
          title={
            item.guide.promisedDays === 0
              ? t("intake.outcome.acceptSameDay")
              : t("intake.outcome.acceptClock", { n: item.guide.promisedDays })
          }
        />
      )}
      {outcome === "deferred" && allowed.deferred.ok && (
        <Card size="small" title={t("intake.outcome.deferredTitle")}>
          <DeferredFields item={item} values={values} today={today} />
        </Card>
      )}
      {outcome === "notice" && allowed.notice.ok && (
        <Card size="small" title={t("intake.outcome.noticeTitle")}>
          <NoticeFields item={item} values={values} />
        </Card>
      )}
    </Space>
  );
}
