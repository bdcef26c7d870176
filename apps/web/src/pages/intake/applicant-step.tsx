import type { ServiceItem } from "@bangban/domain";
import { Alert, Checkbox, Col, Form, Row } from "antd";
import { PersonFields } from "../../components/person-fields";
import { useI18n } from "../../i18n/i18n-context";
import { EarlierCases } from "./earlier-cases";
import { eligibilityFeedback } from "./eligibility-check";
import { idFeedback } from "./id-check";
import type { IntakeValues } from "./intake-values";

/**
 * Step 2: the applicant; once the ID number is valid, the item's 受理条件 checked against it
 * (the reason shown before submit) and their earlier cases here (masked), with 带入.
 */
export function ApplicantStep(props: {
  today: string;
  locked: boolean;
  item: ServiceItem | undefined;
}) {
  const { today, locked, item } = props;
  const { t, lang } = useI18n();
  const form = Form.useFormInstance<IntakeValues>();
  const id = Form.useWatch<string | undefined>(["applicant", "idNumber"]);
  const verified = Form.useWatch<boolean | undefined>("householdVerified", {
    form,
    preserve: true,
  });
  const f = idFeedback(id, today);
  const eligible = eligibilityFeedback(
    item,
    { applicant: { idNumber: id }, householdVerified: verified },
    today,
  );
  return (
    <Row gutter={24}>
      <Col xs={24} lg={11}>
        <PersonFields prefix="applicant" today={today} autoFocus={!locked} />
        {eligible.kind === "refused" && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="eligibility-refusal"
            title={eligible[lang] || eligible.zh}
            style={{ marginBottom: 12 }}
          />
        )}
        {((eligible.kind === "refused" && eligible.householdMayVerify) || verified) && (
          <Form.Item name="householdVerified" valuePropName="checked">
            <Checkbox>{t("intake13.householdVerified")}</Checkbox>
          </Form.Item>
        )}
      </Col>
      <Col xs={24} lg={13}>
        <EarlierCases idNumber={f.kind === "ok" ? f.info.normalized : null} />
      </Col>
    </Row>
  );
}
