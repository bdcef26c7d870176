import { App, Button, Card, Descriptions, Flex, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { errorText } from "../../api/errors";
import { api } from "../../api/trpc";
import type { CaseDetail, Rectification } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { ratingKey } from "../../lib/labels";
import {
  mayRevealRater,
  type RectifyEvent,
  rectifyButtons,
  rectifyStateColour,
} from "./rectify-actions";
import { RectifyDialog } from "./rectify-dialog";

const when = (at: string) => dayjs(at).format("YYYY-MM-DD HH:mm");

/** The rater's contact for the callback, asked for on purpose (the server logs each showing). */
function RaterContact({ detail, r }: { detail: CaseDetail; r: Rectification }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [shown, setShown] = useState<{ name: string; phone: string } | null>(null);
  if (!r.realName) return <span>{t("rectify.anonymous")}</span>;
  const masked = r.rater ? `${r.rater.nameMasked} ${r.rater.phoneMasked}` : t("rectify.realName");
  return (
    <Flex gap={8} align="center" wrap>
      <span>{shown ? `${shown.name} ${shown.phone}` : masked}</span>
      {!shown && mayRevealRater(detail.allowed, r) && (
        <Button
          size="small"
          title={t("rectify.revealNote")}
          onClick={() =>
            api.rectify.revealRater
              .mutate({ caseId: detail.caseId, ratingEventId: r.ratingEventId })
              .then(setShown, (e) => void message.error(errorText(e, lang)))
          }
        >
          {t("rectify.revealRater")}
        </Button>
      )}
    </Flex>
  );
}

function RecordCard({
  detail,
  r,
  onStep,
}: {
  detail: CaseDetail;
  r: Rectification;
  onStep: (step: RectifyEvent) => void;
}) {
  const { t } = useI18n();
  const level = ratingKey[r.level as 1 | 2] ?? "rating.1";
  const lines = [
    ...r.measures.map((m) => `${t("rectify.measures")} ${when(m.at)}：${m.text}`),
    ...r.callbacks.map(
      (c) =>
        `${t("rectify.callbacks")} ${when(c.at)}：${c.reached ? t("rectify.reachedYes") : t("rectify.reachedNo")}，${c.result}`,
    ),
    ...(r.appeal ? [`${t("rectify.appealLine")} ${when(r.appeal.at)}：${r.appeal.reason}`] : []),
    ...(r.appeal?.decision
      ? [
          `${t("rectify.decision")} ${when(r.appeal.decision.at)}：${
            r.appeal.decision.upheld ? t("rectify.state.appeal_upheld") : t("rectify.upheldNo")
          }，${r.appeal.decision.reason}`,
        ]
      : []),
  ];
  return (
    <Card size="small" type="inner" data-testid={`rectification-${r.state}`}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t("rectify.level")}>{t(level)}</Descriptions.Item>
        <Descriptions.Item label={t("rectify.ratedOn")}>{r.ratedOn}</Descriptions.Item>
        <Descriptions.Item label={t("rectify.dueOn")}>
          <Typography.Text type={r.overdue ? "danger" : undefined}>
            {r.dueOn}
            {r.overdue ? `（${t("rectify.overdue")}）` : ""}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("rectify.state")}>
          <Tag color={rectifyStateColour(r.state, r.overdue)}>{t(`rectify.state.${r.state}`)}</Tag>
          {r.kind && <Tag>{t(`rectify.kind.${r.kind}`)}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t("rectify.rater")} span={2}>
          <RaterContact detail={detail} r={r} />
        </Descriptions.Item>
      </Descriptions>
      {r.explanation && <Typography.Paragraph>{r.explanation}</Typography.Paragraph>}
      {lines.map((l) => (
        <Typography.Paragraph key={l} type="secondary" style={{ marginBottom: 4 }}>
          {l}
        </Typography.Paragraph>
      ))}
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        {rectifyButtons(detail.allowed, r).map((b) => (
          <Button
            key={b.type}
            type={b.look === "primary" ? "primary" : "default"}
            onClick={() => onStep(b.type)}
          >
            {t(b.label)}
          </Button>
        ))}
      </Flex>
    </Card>
  );
}

/** 差评整改 on the case page: each 差评's record and the steps this user may take now. */
export function RectificationPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<{ ratingEventId: string; step: RectifyEvent } | null>(null);
  if (detail.rectifications.length === 0) return null;
  return (
    <Card size="small" title={t("rectify.title")}>
      <Flex vertical gap={8}>
        {detail.rectifications.map((r) => (
          <RecordCard
            key={r.id}
            detail={detail}
            r={r}
            onStep={(step) => setOpen({ ratingEventId: r.ratingEventId, step })}
          />
        ))}
      </Flex>
      <RectifyDialog
        detail={detail}
        ratingEventId={open?.ratingEventId ?? ""}
        step={open?.step ?? null}
        onClose={() => setOpen(null)}
      />
    </Card>
  );
}
