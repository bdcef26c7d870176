import { SearchOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Result, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { ApiError } from "../../api/errors";
import { useSystemStatus } from "../../api/system";
import { api } from "../../api/trpc";
import type { Progress } from "../../api/types";
import { StatusTag } from "../../components/status-tag";
import { useI18n } from "../../i18n/i18n-context";
import { placeFieldError } from "../../lib/form-errors";
import {
  caseNumberFromSearch,
  caseNumberProblem,
  type ProgressValues,
  phoneLast4Problem,
  progressInputOf,
  whereabouts,
} from "./progress-query";

/** Statuses in which the office still owes the applicant a result by the due date. */
const OPEN: readonly string[] = ["ACCEPTED", "IN_REVIEW", "SUSPENDED", "APPROVED", "DENIED"];

/**
 * 办件进度 (public, behind the receipt's QR code): the case number and the last four digits of
 * the applicant's phone give the status and the due date — nothing personal.
 */
export function ProgressPage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
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
  const rule = (check: (v: string | undefined) => Parameters<typeof t>[0] | null) => ({
    validator: (_r: unknown, v: string | undefined) => {
      const k = check(v);
      return k ? Promise.reject(new Error(t(k))) : Promise.resolve();
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
        {error && (
          <Alert
            type="error"
            showIcon
            title={error[lang] || error.zh}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form
          form={form}
          name="progress"
          layout="vertical"
          size="large"
          requiredMark={false}
          initialValues={{ caseNumber: caseNumberFromSearch(params) }}
          onFinish={submit}
          style={{ maxWidth: 480 }}
        >
          <Form.Item
            name="caseNumber"
            label={t("case.number")}
            extra={t("progress.caseNumberHint")}
            validateTrigger="onBlur"
            rules={[rule(caseNumberProblem)]}
          >
            <Input
              autoFocus
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
            <Input inputMode="numeric" autoComplete="off" maxLength={8} style={{ width: 160 }} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SearchOutlined />}
            loading={lookup.isPending}
          >
            {t("common.search")}
          </Button>
        </Form>
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
