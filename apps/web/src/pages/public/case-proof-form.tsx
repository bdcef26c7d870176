import { Alert, Button, Form, type FormInstance, Input } from "antd";
import type { CSSProperties, ReactNode } from "react";
import { useSearchParams } from "react-router";
import type { ApiError } from "../../api/errors";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";
import {
  caseNumberFromSearch,
  caseNumberProblem,
  type ProgressValues,
  phoneLast4Problem,
} from "./progress-query";

/** A form rule from a pure check that answers with a message key. */
export function useRule() {
  const { t } = useI18n();
  return <V,>(check: (v: V) => MessageKey | null) => ({
    validator: (_r: unknown, v: V) => {
      const k = check(v);
      return k ? Promise.reject(new Error(t(k))) : Promise.resolve();
    },
  });
}

/**
 * The resident's proof on the public pages (办件进度, 扫码评价): the case number, taken from the
 * QR code's link when there is one, and the last four digits of the applicant's phone, with the
 * server's refusal above them.
 */
export function CaseProofForm(props: {
  form: FormInstance<ProgressValues>;
  name: string;
  error: ApiError | null;
  onFinish: (v: ProgressValues) => void;
  pending: boolean;
  /** Where the cursor starts: the number when typed by hand, the digits when the link gave it. */
  focus: "caseNumber" | "phoneLast4";
  submit: { label: string; icon?: ReactNode; block?: boolean };
  style?: CSSProperties;
}) {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const rule = useRule();
  return (
    <>
      {props.error && (
        <Alert
          type="error"
          showIcon
          title={props.error[lang] || props.error.zh}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={props.form}
        name={props.name}
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={{ caseNumber: caseNumberFromSearch(params) }}
        onFinish={props.onFinish}
        style={props.style}
      >
        <Form.Item
          name="caseNumber"
          label={t("case.number")}
          extra={t("progress.caseNumberHint")}
          validateTrigger="onBlur"
          rules={[rule(caseNumberProblem)]}
        >
          <Input
            autoFocus={props.focus === "caseNumber"}
            autoComplete="off"
            placeholder="330106001001-20261123-0001"
            style={{ fontFamily: "monospace" }}
          />
        </Form.Item>
        <Form.Item
          name="phoneLast4"
          label={t("progress.phoneLast4")}
          validateTrigger="onBlur"
          rules={[rule(phoneLast4Problem)]}
        >
          <Input
            autoFocus={props.focus === "phoneLast4"}
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            style={props.submit.block ? undefined : { width: 160 }}
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={props.submit.icon}
          block={props.submit.block}
          loading={props.pending}
        >
          {props.submit.label}
        </Button>
      </Form>
    </>
  );
}
