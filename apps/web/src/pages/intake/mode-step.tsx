import { PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Checkbox, Col, Form, Radio, Row, Space, Typography } from "antd";
import { PersonFields } from "../../components/person-fields";
import { useI18n } from "../../i18n/i18n-context";
import { openPrint } from "../../lib/print";

/** Step 3: 帮办 (the resident here, helped) or 代办 (handled for them, with a 委托书). */
export function ModeStep({ today, locked }: { today: string; locked: boolean }) {
  const { t } = useI18n();
  const mode = Form.useWatch<"assist" | "proxy" | undefined>("mode");
  const present = Form.useWatch<boolean | undefined>("residentPresent");
  return (
    <Row gutter={24}>
      <Col xs={24} lg={11}>
        <Form.Item
          name="mode"
          label={t("intake.mode.label")}
          rules={[{ required: true, message: t("intake.mode.required") }]}
        >
          <Radio.Group style={{ width: "100%" }}>
            <Space orientation="vertical" style={{ width: "100%" }}>
              <Radio value="assist" autoFocus={!locked}>
                <Typography.Text strong>{t("intake.mode.assist")}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t("intake.mode.assistHint")}</Typography.Text>
              </Radio>
              <Radio value="proxy">
                <Typography.Text strong>{t("intake.mode.proxy")}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t("intake.mode.proxyHint")}</Typography.Text>
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="residentPresent" valuePropName="checked">
          <Checkbox>{t("intake.mode.present")}</Checkbox>
        </Form.Item>
        {mode === "proxy" && (
          <Card size="small" title={t("intake.mode.poaTitle")}>
            <Form.Item
              name="powerOfAttorney"
              valuePropName="checked"
              dependencies={["residentPresent", "mode"]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v: boolean | undefined) =>
                    getFieldValue("mode") === "proxy" && !getFieldValue("residentPresent") && !v
                      ? Promise.reject(new Error(t("intake.mode.poaRequired")))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Checkbox>{t("intake.mode.poaSigned")}</Checkbox>
            </Form.Item>
            {!present && (
              <Alert
                type="info"
                showIcon
                title={t("intake.mode.poaHint")}
                style={{ marginBottom: 12 }}
              />
            )}
            <Button icon={<PrinterOutlined />} onClick={() => openPrint("power-of-attorney", null)}>
              {t("print.blankPoa")}
            </Button>
          </Card>
        )}
      </Col>
      <Col xs={24} lg={13}>
        {mode === "proxy" && (
          <Card size="small" title={t("intake.mode.agentTitle")}>
            <PersonFields prefix="agent" today={today} withRelation />
          </Card>
        )}
      </Col>
    </Row>
  );
}
