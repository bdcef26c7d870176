import { Card, Checkbox, Col, Form, Input, Row, Select } from "antd";
import { useI18n } from "../../i18n/i18n-context";
import { caseKindKey, itemTypeKey } from "../../lib/labels";

const ITEM_TYPES = Object.keys(itemTypeKey) as (keyof typeof itemTypeKey)[];
const CASE_KINDS = Object.keys(caseKindKey) as (keyof typeof caseKindKey)[];
const LEVELS = ["STATION", "CENTER", "DEPARTMENT"] as const;

/** 基本信息: code (fixed once saved), name, type, kind, level, department, basis, station flags. */
export function CatalogBasicSection(props: { isNew: boolean }) {
  const { t } = useI18n();
  const { isNew } = props;
  return (
    <Card size="small" title={t("catalog.basic")}>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name="code"
            label={t("catalog.code")}
            extra={isNew ? t("catalog.codeHint") : undefined}
            rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
            normalize={(v: string) => v.toUpperCase()}
          >
            <Input
              disabled={!isNew}
              maxLength={32}
              placeholder="MZ-GF-001"
              style={{ fontFamily: "monospace" }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name="name"
            label={t("catalog.name")}
            rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name="type"
            label={t("catalog.type")}
            rules={[{ required: true, message: t("catalog.required") }]}
          >
            <Select options={ITEM_TYPES.map((k) => ({ value: k, label: t(itemTypeKey[k]) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name="kind"
            label={t("catalog.kind")}
            rules={[{ required: true, message: t("catalog.required") }]}
          >
            <Select options={CASE_KINDS.map((k) => ({ value: k, label: t(caseKindKey[k]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="approvalLevel"
            label={t("catalog.approvalLevel")}
            rules={[{ required: true, message: t("catalog.required") }]}
          >
            <Select options={LEVELS.map((l) => ({ value: l, label: t(`catalog.level.${l}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="department"
            label={t("guide.department")}
            rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="implementingBody"
            label={t("guide.implementingBody")}
            rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            name="basis"
            label={t("guide.basis")}
            rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Col>
        {(["stationAssist", "stationMayComplete", "deferralAllowed"] as const).map((k) => (
          <Col xs={24} md={8} key={k}>
            <Form.Item name={k} valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox>{t(`catalog.${k}`)}</Checkbox>
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
