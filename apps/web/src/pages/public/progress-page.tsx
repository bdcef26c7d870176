import { SearchOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Card, Descriptions, Flex, Form, Result, Typography } from "antd";
import { useState } from "react";
import type { ApiError } from "../../api/errors";
import { useSystemStatus } from "../../api/system";
import { api } from "../../api/trpc";
import type { Progress } from "../../api/types";
import { StatusTag } from "../../components/status-tag";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";
import { CaseProofForm } from "./case-proof-form";
import { type ProgressValues, progressInputOf, whereabouts } from "./progress-query";

/** Statuses in which the office still owes the applicant a result by the due date. */
const OPEN: readonly string[] = ["ACCEPTED", "IN_REVIEW", "SUSPENDED", "APPROVED", "DENIED"];

/**
 * 办件进度 (public, behind the receipt's QR code): the case number and the last four digits of
 * the applicant's phone give the status and the due date — nothing personal.
 */
export function ProgressPage() {
  const { t, lang } = useI18n();
  const status = useSystemStatus();
  const [form] = Form.useForm<ProgressValues>();
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<(Progress & { caseNumber: string }) | null>(null);
  const where = result ? whereabouts(result) : null;
  const lookup = useMutation({
    mutationFn: async (v: ProgressValues) => {
      const input = progressInputOf(v);
      return { ...(await api.public.progress.query(input)), caseNumber: input.caseNumber };
    },
  });
  const submit = (v: ProgressValues) => {
    setError(null);
    setResult(null);
    lookup.mutate(v, {
      onSuccess: setResult,
      onError: (e) => setError(placeFieldError(form, e, lang)),
    });
  };
  if (status.data && status.data.role !== "hub")
    return <Result status="info" title={t("progress.atHub")} subTitle={t("progress.atHubHint")} />;
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("public.progress")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("progress.intro")}</Typography.Text>
      </div>
      <Card>
        <CaseProofForm
          form={form}
          name="progress"
          error={error}
          onFinish={submit}
          pending={lookup.isPending}
          focus="caseNumber"
          submit={{ label: t("common.search"), icon: <SearchOutlined /> }}
          style={{ maxWidth: 480 }}
        />
      </Card>
      {result && (
        <Card title={t("progress.result")} data-testid="progress-result">
          <Descriptions column={1} bordered size="middle">
            <Descriptions.Item label={t("case.number")}>{result.caseNumber}</Descriptions.Item>
            <Descriptions.Item label={t("case.status")}>
              <StatusTag status={result.status} />
            </Descriptions.Item>
            {where && (
              <Descriptions.Item label={t("progress13.where")}>
                {t(where.key, where.params)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t("progress.dueOn")}>
              {result.dueOn
                ? OPEN.includes(result.status)
                  ? t("progress.dueBy", { date: result.dueOn })
                  : result.dueOn
                : t("progress.noDue")}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t("progress.privacy")}
          </Typography.Paragraph>
        </Card>
      )}
    </Flex>
  );
}
