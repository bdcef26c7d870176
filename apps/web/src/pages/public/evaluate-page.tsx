import { useMutation } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Radio,
  Rate,
  Result,
  Space,
  Typography,
} from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { ApiError } from "../../api/errors";
import { useSystemStatus } from "../../api/system";
import { api } from "../../api/trpc";
import type { PublicRatingShow } from "../../api/types";
import { StatusTag } from "../../components/status-tag";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";
import { RATING_FACES } from "../rate/rating-faces";
import { CaseProofForm, useRule } from "./case-proof-form";
import {
  COMMENT_MAX,
  commentProblem,
  dimensionLabel,
  type EvaluateValues,
  evaluateInputOf,
  evaluateStep,
  levelProblem,
} from "./evaluate-form";
import { type ProgressValues, progressInputOf } from "./progress-query";

type Proof = { caseNumber: string; phoneLast4: string };

/**
 * 扫码评价 (public, behind the QR code on the 受理回执 and the 送达回证), on the resident's own
 * phone: the case number and the phone's last four digits find the case; a completed case is
 * rated once — five levels, the four dimensions, an optional comment. Nothing personal is shown.
 */
export function EvaluatePage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const status = useSystemStatus();
  const [form] = Form.useForm<ProgressValues>();
  const _rule = useRule();
  const [error, setError] = useState<ApiError | null>(null);
  const [found, setFound] = useState<(PublicRatingShow & { proof: Proof }) | null>(null);
  const lookup = useMutation({
    mutationFn: async (v: ProgressValues) => {
      const proof = progressInputOf(v);
      return { ...(await api.public.rating.show.query(proof)), proof };
    },
  });
  const find = (v: ProgressValues) => {
    setError(null);
    setFound(null);
    lookup.mutate(v, {
      onSuccess: setFound,
      onError: (e) => setError(placeFieldError(form, e, lang)),
    });
  };
  if (status.data && status.data.role !== "hub")
    return <Result status="info" title={t("qrRate.atHub")} subTitle={t("qrRate.atHubHint")} />;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 520, margin: "0 auto" }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("public.evaluate")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("qrRate.intro")}</Typography.Text>
      </div>
      {!found && (
        <Card>
          <CaseProofForm
            form={form}
            name="evaluate-find"
            error={error}
            onFinish={find}
            pending={lookup.isPending}
            focus={params.has("no") ? "phoneLast4" : "caseNumber"}
            submit={{ label: t("qrRate.find"), block: true }}
          />
        </Card>
      )}
      {found && <RateCase found={found} />}
      <Typography.Paragraph type="secondary">{t("qrRate.privacy")}</Typography.Paragraph>
    </Flex>
  );
}

/** The found case: what it is, where it stands, and the rating when it can be given. */
function RateCase({ found }: { found: PublicRatingShow & { proof: Proof } }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<EvaluateValues>();
  const rule = useRule();
  const [error, setError] = useState<ApiError | null>(null);
  const submit = useMutation({
    mutationFn: (v: EvaluateValues) =>
      api.public.rating.submit.mutate(evaluateInputOf(found.proof, v)),
  });
  const send = (v: EvaluateValues) => {
    setError(null);
    submit.mutate(v, { onError: (e) => setError(placeFieldError(form, e, lang)) });
  };
  const step = evaluateStep(found, submit.isSuccess);
  const header = (
    <Space orientation="vertical" size={4}>
      <Typography.Text type="secondary">{t("qrRate.item")}</Typography.Text>
      <Typography.Text strong style={{ fontSize: 18 }}>
        {found.itemName}
      </Typography.Text>
      <StatusTag status={found.status} />
    </Space>
  );
  if (step === "thanks")
    return <Result status="success" title={t("qrRate.thanks")} subTitle={t("qrRate.thanksHint")} />;
  if (step !== "rate")
    return (
      <Card>
        {header}
        <Result
          status={step === "alreadyRated" ? "success" : "info"}
          title={t(step === "alreadyRated" ? "qrRate.alreadyRated" : "qrRate.notCompleted")}
          subTitle={t(
            step === "alreadyRated" ? "qrRate.alreadyRatedHint" : "qrRate.notCompletedHint",
          )}
        />
      </Card>
    );
  return (
    <Card title={header}>
      {error && (
        <Alert type="error" showIcon title={error[lang] || error.zh} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} name="evaluate-rate" layout="vertical" requiredMark={false} onFinish={send}>
        <Form.Item name="level" label={t("qrRate.question")} rules={[rule(levelProblem)]}>
          <Radio.Group style={{ width: "100%" }}>
            <Flex vertical gap={8}>
              {RATING_FACES.map((f) => (
                <Radio.Button
                  key={f.level}
                  value={f.level}
                  style={{ height: 52, lineHeight: "50px", fontSize: 18, color: f.colour }}
                >
                  <f.Icon aria-hidden style={{ marginRight: 8 }} />
                  {t(f.label)}
                </Radio.Button>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Typography.Text strong>{t("qrRate.dimensions")}</Typography.Text>
        {found.dimensions.map((d) => {
          const label = dimensionLabel(d);
          if (!label) return null;
          return (
            <Form.Item
              key={d}
              name={["dimensions", d]}
              label={t(label)}
              style={{ marginBottom: 8 }}
            >
              <Rate style={{ fontSize: 28 }} />
            </Form.Item>
          );
        })}
        <Form.Item name="comment" label={t("qrRate.comment")} rules={[rule(commentProblem)]}>
          <Input.TextArea
            rows={3}
            maxLength={COMMENT_MAX}
            showCount
            placeholder={t("qrRate.commentPlaceholder")}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending}>
          {t("qrRate.submit")}
        </Button>
      </Form>
    </Card>
  );
}
