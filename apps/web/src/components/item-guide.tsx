import { describeCondition, type ServiceItem } from "@bangban/domain";
import { Descriptions, List, Space, Tag, Typography } from "antd";
import { useI18n } from "../i18n/i18n-context";
import { caseKindKey, itemTypeKey, requirementColour, requirementKey } from "../lib/labels";

/**
 * 办事指南: what the resident needs to know about an item, as the catalog states it. `full`
 * (the public guide) adds the process, the supervision phone and the legal basis (四个公开).
 */
export function ItemGuide({ item, full }: { item: ServiceItem; full?: boolean }) {
  const { t, lang } = useI18n();
  const g = item.guide;
  const days = (n: number | null) =>
    n === null
      ? t("guide.noLegalLimit")
      : n === 0
        ? t("guide.sameDay")
        : t("guide.workdays", { n });
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="item-guide">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {item.name}
        </Typography.Title>
        <Space size={4} wrap style={{ marginTop: 4 }}>
          <Tag>{item.code}</Tag>
          <Tag color="blue">{t(itemTypeKey[item.type])}</Tag>
          <Tag color="geekblue">{t(caseKindKey[item.kind])}</Tag>
          {item.deferralAllowed && <Tag color="orange">{t("guide.deferralAllowed")}</Tag>}
          {item.stationMayComplete && <Tag color="green">{t("guide.stationCompletes")}</Tag>}
        </Space>
      </div>
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 120, whiteSpace: "nowrap" } }}
      >
        <Descriptions.Item label={t("guide.promised")}>{days(g.promisedDays)}</Descriptions.Item>
        <Descriptions.Item label={t("guide.legal")}>{days(g.legalDays)}</Descriptions.Item>
        <Descriptions.Item label={t("guide.fee")}>{g.fee}</Descriptions.Item>
        <Descriptions.Item label={t("guide.department")}>{item.department}</Descriptions.Item>
        <Descriptions.Item label={t("guide.place")}>{g.place}</Descriptions.Item>
        <Descriptions.Item label={t("guide.hours")}>{g.hours}</Descriptions.Item>
        <Descriptions.Item label={t("guide.consultPhone")}>{g.consultPhone}</Descriptions.Item>
        {full && (
          <Descriptions.Item label={t("guide.supervisionPhone")}>
            {g.supervisionPhone}
          </Descriptions.Item>
        )}
        {full && g.publicityWorkdays !== undefined && (
          <Descriptions.Item label={t("guide.publicity")}>
            {t("guide.publicityDays", { n: g.publicityWorkdays })}
          </Descriptions.Item>
        )}
        {full && g.extendable && (
          <Descriptions.Item label={t("guide.extendable")}>
            {t("guide.extendableTo", { n: g.extendable.toLegalDays, reason: g.extendable.reason })}
          </Descriptions.Item>
        )}
        {full && (
          <Descriptions.Item label={t("guide.implementingBody")}>
            {item.implementingBody}
          </Descriptions.Item>
        )}
        {full && <Descriptions.Item label={t("guide.basis")}>{item.basis}</Descriptions.Item>}
      </Descriptions>
      <div>
        <Typography.Text strong>{t("guide.conditions")}</Typography.Text>
        <ul style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
          {g.acceptanceConditions.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        {item.eligibility && item.eligibility.length > 0 && (
          <div data-testid="guide-eligibility" style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">{t("intake13.guideChecked")}</Typography.Text>
            <ul style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
              {item.eligibility.map((c) => (
                <li key={c.kind}>{describeCondition(c)[lang]}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {full && (
        <div data-testid="guide-process">
          <Typography.Text strong>{t("guide.process")}</Typography.Text>
          <ol style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
            {g.processSteps.map((step, i) => (
              // Steps may repeat words; their place in the list is their identity.
              <li key={`${i}:${step}`}>{step}</li>
            ))}
          </ol>
        </div>
      )}
      <List
        size="small"
        header={<Typography.Text strong>{t("guide.materials")}</Typography.Text>}
        dataSource={g.materials}
        renderItem={(m) => (
          <List.Item>
            <Space orientation="vertical" size={0}>
              <Space size={4} wrap>
                <span>{m.name}</span>
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
          </List.Item>
        )}
      />
    </Space>
  );
}
