import { Card, Col, DatePicker, Form, Input, Row } from "antd";
import dayjs from "dayjs";
import { useI18n } from "../../i18n/i18n-context";

/** 服务信息: fee, place, hours and the two phones of the guide. */
export function CatalogServiceSection() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t("catalog.service")}>
      <Row gutter={12}>
        {(
          [
            ["fee", "guide.fee", 200],
            ["place", "guide.place", 200],
            ["hours", "guide.hours", 200],
          ] as const
        ).map(([name, label, max]) => (
          <Col xs={24} key={name}>
            <Form.Item
              name={["guide", name]}
              label={t(label)}
              rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
            >
              <Input maxLength={max} />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} md={12}>
          <Form.Item
            name={["guide", "consultPhone"]}
            label={t("guide.consultPhone")}
            rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
          >
            <Input maxLength={30} placeholder="0571-88881234" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={["guide", "supervisionPhone"]}
            label={t("guide.supervisionPhone")}
            rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
          >
            <Input maxLength={30} placeholder="12345" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

/** 生效日期: the day the new version takes effect (cases keep the version they were taken under). */
export function CatalogEffectiveSection() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t("catalog.effective")}>
      <Form.Item
        name="effectiveFrom"
        label={t("catalog.effectiveFrom")}
        extra={t("catalog.effectiveHint")}
        rules={[{ required: true, message: t("catalog.required") }]}
        getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : null })}
        normalize={(d: dayjs.Dayjs | null) => (d ? d.format("YYYY-MM-DD") : undefined)}
      >
        <DatePicker />
      </Form.Item>
    </Card>
  );
}
