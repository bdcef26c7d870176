import { Card, Col, Form, Input, InputNumber, Row, Typography } from "antd";
import { useI18n } from "../../i18n/i18n-context";

/**
 * 受理条件 intake checks by itself: age from the ID's birth date on the day of intake, 户籍 from
 * its address code. A blank field is no condition; the written conditions above say the rest.
 */
export function CatalogEligibilitySection() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t("catalog.eligibility")}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t("catalog.eligibilityHint")}
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name={["eligibility", "minAge"]} label={t("catalog.minAge")}>
            <InputNumber min={0} max={150} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={["eligibility", "maxAge"]} label={t("catalog.maxAge")}>
            <InputNumber min={0} max={150} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name={["eligibility", "residenceDivision"]}
            label={t("catalog.residenceDivision")}
            rules={[{ pattern: /^\d{2}(\d{2}){0,2}$/, message: t("catalog.residenceDivisionBad") }]}
          >
            <Input maxLength={6} placeholder="330106" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={["eligibility", "residenceName"]} label={t("catalog.residenceName")}>
            <Input maxLength={50} placeholder={t("catalog.residenceNameHint")} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
