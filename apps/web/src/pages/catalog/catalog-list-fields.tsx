import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from "antd";
import { useI18n } from "../../i18n/i18n-context";
import { requirementKey } from "../../lib/labels";
import { type CatalogForm, MATERIAL_FORMS } from "./catalog-form";

const REQUIREMENTS = ["mandatory", "deferrable", "conditional"] as const;

/** Lines of text (受理条件, 办理流程) edited as a list. */
export function LinesField(props: { name: string; label: string; add: string; required: string }) {
  const { t } = useI18n();
  return (
    <Form.List name={["guide", props.name]}>
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={props.label} required>
          <Space orientation="vertical" style={{ width: "100%" }}>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8}>
                <Typography.Text type="secondary" style={{ width: 24, paddingTop: 5 }}>
                  {i + 1}.
                </Typography.Text>
                <Form.Item
                  name={[field.name]}
                  style={{ flex: 1, marginBottom: 0 }}
                  rules={[{ required: true, whitespace: true, message: props.required }]}
                >
                  <Input maxLength={500} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t("common.delete")}
                  onClick={() => remove(field.name)}
                  disabled={fields.length <= 1}
                />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add("")}>
              {props.add}
            </Button>
            <Form.ErrorList errors={errors} />
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );
}

/** 申请材料: one card per material, its condition asked only when it is conditional. */
export function MaterialsField() {
  const { t } = useI18n();
  const form = Form.useFormInstance<CatalogForm>();
  const rows = Form.useWatch(["guide", "materials"], form) ?? [];
  return (
    <Form.List name={["guide", "materials"]}>
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: "100%" }} size="middle">
          {fields.map((field, i) => {
            const conditional = rows[field.name]?.requirement === "conditional";
            return (
              <Card
                key={field.key}
                size="small"
                type="inner"
                title={t("catalog.materialN", { n: i + 1 })}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    disabled={fields.length <= 1}
                  >
                    {t("common.delete")}
                  </Button>
                }
              >
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[field.name, "code"]}
                      label={t("catalog.materialCode")}
                      rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
                      normalize={(v: string) => v.toUpperCase()}
                    >
                      <Input
                        maxLength={64}
                        placeholder="ID_CARD"
                        style={{ fontFamily: "monospace" }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item
                      name={[field.name, "name"]}
                      label={t("material.name")}
                      rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[field.name, "requirement"]}
                      label={t("material.requirement")}
                      rules={[{ required: true, message: t("catalog.required") }]}
                    >
                      <Select
                        options={REQUIREMENTS.map((r) => ({
                          value: r,
                          label: t(requirementKey[r]),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={10}>
                    <Form.Item
                      name={[field.name, "form"]}
                      label={t("catalog.materialForm")}
                      rules={[{ required: true, message: t("catalog.required") }]}
                    >
                      <Select options={MATERIAL_FORMS.map((f) => ({ value: f, label: f }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[field.name, "copies"]}
                      label={t("catalog.copies")}
                      rules={[{ required: true, message: t("catalog.required") }]}
                    >
                      <InputNumber min={1} max={20} precision={0} style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                  {conditional && (
                    <Col xs={24}>
                      <Form.Item
                        name={[field.name, "condition"]}
                        label={t("catalog.condition")}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t("catalog.conditionRequired"),
                          },
                        ]}
                      >
                        <Input maxLength={200} placeholder={t("catalog.conditionHint")} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, "neededForProxy"]}
                        valuePropName="checked"
                        extra={t("catalog.neededForProxyHint")}
                      >
                        <Checkbox>{t("catalog.neededForProxy")}</Checkbox>
                      </Form.Item>
                    </Col>
                  )}
                  <Col xs={24}>
                    <Form.Item
                      name={[field.name, "note"]}
                      label={t("catalog.note")}
                      style={{ marginBottom: 0 }}
                    >
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            );
          })}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ requirement: "mandatory", form: "原件", copies: 1 })}
          >
            {t("catalog.addMaterial")}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
