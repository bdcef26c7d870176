import { Card, Checkbox, Col, Form, Input, InputNumber, Row, Switch } from "antd";
import { useI18n } from "../../i18n/i18n-context";
import type { CatalogForm } from "./catalog-form";

/** 办理时限: promised and legal limits, 公示 and 延期, each asked only when switched on. */
export function CatalogLimitsSection() {
  const { t } = useI18n();
  const form = Form.useFormInstance<CatalogForm>();
  const kind = Form.useWatch("kind", form);
  const noLegal = Form.useWatch(["guide", "noLegalLimit"], form);
  const hasExtension = Form.useWatch(["guide", "hasExtension"], form);
  const hasPublicity = Form.useWatch(["guide", "hasPublicity"], form);
  return (
    <Card size="small" title={t("catalog.limits")}>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item
            name={["guide", "promisedDays"]}
            label={t("guide.promised")}
            extra={kind === "IMMEDIATE" ? t("catalog.immediateHint") : t("catalog.workdays")}
            rules={[{ required: true, message: t("catalog.required") }]}
          >
            <InputNumber min={0} max={365} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name={["guide", "legalDays"]}
            label={t("guide.legal")}
            extra={t("catalog.workdays")}
            rules={noLegal ? [] : [{ required: true, message: t("catalog.legalRequired") }]}
          >
            <InputNumber
              min={0}
              max={365}
              precision={0}
              disabled={noLegal}
              style={{ width: "100%" }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={["guide", "noLegalLimit"]} valuePropName="checked" label=" ">
            <Checkbox>{t("guide.noLegalLimit")}</Checkbox>
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={["guide", "hasPublicity"]}
            valuePropName="checked"
            label={t("guide.publicity")}
          >
            <Switch />
          </Form.Item>
          {hasPublicity && (
            <Form.Item
              name={["guide", "publicityWorkdays"]}
              extra={t("catalog.workdays")}
              rules={[{ required: true, message: t("catalog.required") }]}
            >
              <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={["guide", "hasExtension"]}
            valuePropName="checked"
            label={t("guide.extendable")}
          >
            <Switch />
          </Form.Item>
          {hasExtension && (
            <>
              <Form.Item
                name={["guide", "extendable", "toLegalDays"]}
                label={t("catalog.extendTo")}
                rules={[{ required: true, message: t("catalog.required") }]}
              >
                <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item
                name={["guide", "extendable", "reason"]}
                label={t("catalog.extendReason")}
                rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
        </Col>
      </Row>
    </Card>
  );
}
