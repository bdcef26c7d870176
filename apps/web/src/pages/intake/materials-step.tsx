import type { ServiceItem } from "@bangban/domain";
import { Button, Checkbox, Flex, Form, List, Space, Tag, Typography } from "antd";
import { useI18n } from "../../i18n/i18n-context";
import { requirementColour, requirementKey } from "../../lib/labels";

/** Step 4: the checklist. Tick what the resident handed over; Space ticks, Tab moves on. */
export function MaterialsStep({ item }: { item: ServiceItem }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const setAll = (v: boolean) =>
    form.setFieldValue(
      "materials",
      Object.fromEntries(item.guide.materials.map((m) => [m.code, v])),
    );
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t("intake.materials.hint")}</Typography.Text>
        <Space>
          <Button size="small" onClick={() => setAll(true)}>
            {t("intake.materials.all")}
          </Button>
          <Button size="small" onClick={() => setAll(false)}>
            {t("intake.materials.none")}
          </Button>
        </Space>
      </Flex>
      <List
        bordered
        dataSource={item.guide.materials}
        renderItem={(m, i) => (
          <List.Item>
            <Form.Item name={["materials", m.code]} valuePropName="checked" noStyle>
              <Checkbox autoFocus={i === 0} style={{ width: "100%" }}>
                <Space orientation="vertical" size={0}>
                  <Space size={4} wrap>
                    <Typography.Text strong>{m.name}</Typography.Text>
                    <Tag color={requirementColour[m.requirement]}>
                      {t(requirementKey[m.requirement])}
                    </Tag>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {m.form} · {t("guide.copies", { n: m.copies })}
                    {m.condition ? ` · ${m.condition}` : ""}
                    {m.note ? ` · ${m.note}` : ""}
                  </Typography.Text>
                </Space>
              </Checkbox>
            </Form.Item>
          </List.Item>
        )}
      />
    </>
  );
}
