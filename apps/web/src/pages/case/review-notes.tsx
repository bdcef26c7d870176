import { Alert, App, Button, Card, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { errorText } from "../../api/errors";
import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { publicityPrompt } from "./publicity";
import { useCaseCommand } from "./use-case-command";

/** 审查意见: the reviewer's opinion, shown above the decision buttons for the approver. */
export function OpinionCard({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const o = detail.opinion;
  if (!o) return null;
  const who = detail.people[o.byUserId] ?? o.byUserId;
  return (
    <Card
      size="small"
      title={t("opinion.title")}
      extra={
        <span>
          {detail.stage === "awaiting_approval" && (
            <Tag color="orange">{t("opinion.awaiting")}</Tag>
          )}
          <Tag color={o.recommendation === "approve" ? "green" : "volcano"}>
            {t(`opinion.recommend.${o.recommendation}`)}
          </Tag>
        </span>
      }
    >
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 4 }}>
        {o.text}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t("opinion.by", { who, at: dayjs(o.at).format("YYYY-MM-DD HH:mm") })}
      </Typography.Text>
    </Card>
  );
}

/** 公示期: the guide's posting period, prompted in review; 恢复审查 once it is over. */
export function PublicityHint({ detail }: { detail: CaseDetail }) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const id = detail.caseId;
  const start = useCaseCommand(id, () =>
    api.cases.suspend.mutate({ caseId: id, reason: "publicity" }),
  );
  const resume = useCaseCommand(id, () => api.cases.resume.mutate({ caseId: id }));
  const prompt = publicityPrompt(detail);
  if (!prompt) return null;
  const handlers = {
    onError: (e: unknown) => message.error(errorText(e, lang), 6),
    onSuccess: () => message.success(t("common.saved")),
  };
  const ask = (title: string, run: () => void) =>
    modal.confirm({
      title,
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
      onOk: run,
    });
  if (prompt.kind === "due") {
    return (
      <Alert
        type="info"
        showIcon
        title={t("publicity.hint", { n: prompt.workdays })}
        description={t("publicity.hintDetail")}
        action={
          <Button
            loading={start.isPending}
            onClick={() =>
              ask(t("publicity.startConfirm"), () => start.mutate(undefined, handlers))
            }
          >
            {t("publicity.start")}
          </Button>
        }
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={t("publicity.running", { n: prompt.workdays })}
      action={
        prompt.mayResume && (
          <Button
            loading={resume.isPending}
            onClick={() => ask(t("action.resumeConfirm"), () => resume.mutate(undefined, handlers))}
          >
            {t("action.resume")}
          </Button>
        )
      }
    />
  );
}
