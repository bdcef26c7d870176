import { PrinterOutlined } from "@ant-design/icons";
import type { ServiceItem } from "@bangban/domain";
import { Alert, App, Button, Card, Checkbox, Col, Form, Radio, Row, Space, Typography } from "antd";
import { errorText } from "../../api/errors";
import { api } from "../../api/trpc";
import { PersonFields } from "../../components/person-fields";
import { useI18n } from "../../i18n/i18n-context";
import { openRenderedPrint } from "../../lib/print";
import { afterModeChange, type IntakeValues, toDraftInput } from "./intake-values";

/** Step 3: 帮办 (the resident here, helped) or 代办 (handled for them, with a 委托书). */
export function ModeStep(props: { today: string; locked: boolean; item: ServiceItem | undefined }) {
  const { today, locked, item } = props;
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const form = Form.useFormInstance<IntakeValues>();
  const mode = Form.useWatch<"assist" | "proxy" | undefined>("mode");
  // The 委托书 with the names and (masked) IDs typed so far, for the resident to sign.
  const printPoa = () => {
    if (!item) return;
    const input = toDraftInput("power-of-attorney", item, form.getFieldsValue(true));
    openRenderedPrint(() => api.print.draft.mutate(input)).catch((e: unknown) =>
      message.error(errorText(e, lang), 6),
    );
  };
  return (
    <Row gutter={24}>
      <Col xs={24} lg={11}>
        <Form.Item
          name="mode"
          label={t("intake.mode.label")}
          rules={[{ required: true, message: t("intake.mode.required") }]}
        >
          <Radio.Group
            style={{ width: "100%" }}
            onChange={(e) => form.setFieldsValue(afterModeChange(e.target.value))}
          >
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
              dependencies={["mode"]}
              rules={[
                // 代办 always needs the 委托书, 本人到场 or not (the station refuses it too).
                ({ getFieldValue }) => ({
                  validator: (_r, v: boolean | undefined) =>
                    getFieldValue("mode") === "proxy" && !v
                      ? Promise.reject(new Error(t("intake.mode.poaRequired")))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Checkbox>{t("intake.mode.poaSigned")}</Checkbox>
            </Form.Item>
            <Alert
              type="info"
              showIcon
              title={t("intake.mode.poaHint")}
              style={{ marginBottom: 12 }}
            />
            <Button icon={<PrinterOutlined />} onClick={printPoa} disabled={!item}>
              {t("intake13.printPoa")}
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
