import { Form, Input } from "antd";
import { useI18n } from "../i18n/i18n-context";
import { idFinished, idWhileTyping, phoneValid } from "../lib/validators";
import { idFeedback } from "../pages/intake/id-check";

interface Props {
  prefix: "applicant" | "agent";
  today: string;
  withRelation?: boolean;
  autoFocus?: boolean;
}

/** Name, ID number (checked as typed), phone and address of a person on a form. */
export function PersonFields({ prefix, today, withRelation, autoFocus }: Props) {
  const { t, lang } = useI18n();
  const idValue = Form.useWatch<string | undefined>([prefix, "idNumber"]);
  const feedback = idFeedback(idValue, today);
  const extra =
    feedback.kind === "typing"
      ? t("person.idTyping", { n: feedback.count })
      : feedback.kind === "ok"
        ? t("person.idOk", {
            birth: feedback.info.birthDate,
            sex: t(feedback.info.sex === "male" ? "person.male" : "person.female"),
          })
        : undefined;
  return (
    <>
      <Form.Item
        name={[prefix, "name"]}
        label={t("person.name")}
        rules={[{ required: true, whitespace: true, message: t("person.nameRequired") }]}
      >
        <Input autoFocus={autoFocus} maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={[prefix, "idNumber"]}
        label={t("person.idNumber")}
        extra={extra}
        validateTrigger={["onChange", "onBlur"]}
        rules={[
          { required: true, whitespace: true, message: t("person.idRequired") },
          { validator: idWhileTyping(today, lang), validateTrigger: ["onChange", "onBlur"] },
          { validator: idFinished(today, lang), validateTrigger: "onBlur" },
        ]}
      >
        <Input
          maxLength={20}
          autoComplete="off"
          inputMode="text"
          style={{ fontFamily: "monospace" }}
        />
      </Form.Item>
      <Form.Item
        name={[prefix, "phone"]}
        label={t("person.phone")}
        validateTrigger="onBlur"
        rules={[
          { required: true, whitespace: true, message: t("person.phoneRequired") },
          { validator: phoneValid(lang) },
        ]}
      >
        <Input maxLength={30} autoComplete="off" inputMode="tel" />
      </Form.Item>
      {withRelation && (
        <Form.Item
          name={[prefix, "relation"]}
          label={t("person.relation")}
          rules={[{ required: true, whitespace: true, message: t("person.relationRequired") }]}
        >
          <Input maxLength={30} placeholder={t("person.relationHint")} />
        </Form.Item>
      )}
      <Form.Item name={[prefix, "address"]} label={t("person.address")}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
    </>
  );
}
