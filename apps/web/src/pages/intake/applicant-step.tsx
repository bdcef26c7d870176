import { Col, Form, Row } from "antd";
import { PersonFields } from "../../components/person-fields";
import { EarlierCases } from "./earlier-cases";
import { idFeedback } from "./id-check";

/** Step 2: the applicant; once the ID number is valid, their earlier cases here (masked). */
export function ApplicantStep({ today, locked }: { today: string; locked: boolean }) {
  const id = Form.useWatch<string | undefined>(["applicant", "idNumber"]);
  const f = idFeedback(id, today);
  return (
    <Row gutter={24}>
      <Col xs={24} lg={11}>
        <PersonFields prefix="applicant" today={today} autoFocus={!locked} />
      </Col>
      <Col xs={24} lg={13}>
        <EarlierCases idNumber={f.kind === "ok" ? f.info.normalized : null} />
      </Col>
    </Row>
  );
}
