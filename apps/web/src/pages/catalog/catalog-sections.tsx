import { Card, Space } from "antd";
import { useI18n } from "../../i18n/i18n-context";
import { CatalogBasicSection } from "./catalog-basic-section";
import { CatalogEligibilitySection } from "./catalog-eligibility-section";
import { CatalogLimitsSection } from "./catalog-limits-section";
import { LinesField, MaterialsField } from "./catalog-list-fields";
import { CatalogEffectiveSection, CatalogServiceSection } from "./catalog-service-section";

/** The editor's cards, in the order the public guide reads. */
export function CatalogSections(props: { isNew: boolean }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <CatalogBasicSection isNew={props.isNew} />
      <CatalogLimitsSection />
      <Card size="small" title={t("guide.conditions")}>
        <LinesField
          name="acceptanceConditions"
          label={t("guide.conditions")}
          add={t("catalog.addCondition")}
          required={t("catalog.required")}
        />
      </Card>
      <CatalogEligibilitySection />
      <Card size="small" title={t("guide.materials")}>
        <MaterialsField />
      </Card>
      <Card size="small" title={t("guide.process")}>
        <LinesField
          name="processSteps"
          label={t("guide.process")}
          add={t("catalog.addStep")}
          required={t("catalog.required")}
        />
      </Card>
      <CatalogServiceSection />
      <CatalogEffectiveSection />
    </Space>
  );
}
