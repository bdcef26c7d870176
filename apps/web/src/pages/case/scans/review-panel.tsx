import { CheckOutlined, ExclamationOutlined } from "@ant-design/icons";
import type { MaterialVerdict } from "@bangban/domain";
import { Alert, App, Button, Card, Col, Flex, Input, Row, Tag, Typography, theme } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { apiErrorOf, errorText } from "../../../api/errors";
import { api } from "../../../api/trpc";
import type { CaseDetail } from "../../../api/types";
import { useI18n } from "../../../i18n/i18n-context";
import { materialStateColour, materialStateKey } from "../../../lib/labels";
import { useCaseCommand } from "../use-case-command";
import {
  firstToReview,
  markProblem,
  nextToReview,
  reviewable,
  reviewProgress,
} from "./review-checklist";
import { ScanThumbs } from "./scan-thumbs";
import { ScanViewer } from "./scan-viewer";

type Material = CaseDetail["materials"][number];

/**
 * The reviewer's screen: the checklist on the left, each material with its 合格 / 需补正 mark,
 * and the selected material's scans on the right, so 审查 goes material by material. A mark
 * moves on to the next material not yet marked; the 需补正 ones feed the 一次性告知.
 */
export function ReviewPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const [selected, setSelected] = useState(() => firstToReview(detail.materials));
  const current = detail.materials.find((m) => m.code === selected) ?? detail.materials[0];
  const progress = reviewProgress(detail.materials);
  const canMark = detail.allowed.includes("check_material");
  const done = progress.total > 0 && progress.checked === progress.total;
  return (
    <Card
      size="small"
      title={t("scan.review.title")}
      extra={
        <Typography.Text type="secondary">
          {t("scan.review.progress", {
            checked: progress.checked,
            total: progress.total,
            bad: progress.needsCorrection,
          })}
        </Typography.Text>
      }
    >
      <Flex vertical gap={12}>
        {done ? (
          <Alert
            type={progress.needsCorrection ? "warning" : "success"}
            showIcon
            title={
              progress.needsCorrection
                ? t("scan.review.doneBad", { bad: progress.needsCorrection })
                : t("scan.review.doneOk")
            }
          />
        ) : (
          <Typography.Text type="secondary">
            {canMark ? t("scan.review.hint") : t("scan.review.readOnly")}
          </Typography.Text>
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={9}>
            <Flex vertical gap={6}>
              {reviewable(detail.materials).map((m) => (
                <MaterialRow
                  key={m.code}
                  detail={detail}
                  m={m}
                  selected={m.code === current?.code}
                  canMark={canMark}
                  onSelect={() => setSelected(m.code)}
                  onMarked={(next) => setSelected(nextToReview(next.materials, m.code))}
                />
              ))}
            </Flex>
          </Col>
          <Col xs={24} lg={15}>
            {current && current.attachments.length > 0 ? (
              <ScanViewer key={current.code} scans={current.attachments} height="62vh" />
            ) : (
              <Flex
                align="center"
                justify="center"
                style={{ height: 200, background: "#f0f2f5", borderRadius: 6 }}
              >
                <Typography.Text type="secondary">{t("scan.review.noScans")}</Typography.Text>
              </Flex>
            )}
          </Col>
        </Row>
      </Flex>
    </Card>
  );
}

/** One material on the checklist: its state and mark; selected, the mark buttons and reason. */
function MaterialRow(props: {
  detail: CaseDetail;
  m: Material;
  selected: boolean;
  canMark: boolean;
  onSelect: () => void;
  onMarked: (next: CaseDetail) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const { detail, m } = props;
  const [reason, setReason] = useState(m.check?.reason ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const mark = useCaseCommand(
    detail.caseId,
    (input: { verdict: MaterialVerdict; reason?: string }) =>
      api.cases.checkMaterial.mutate({ caseId: detail.caseId, code: m.code, ...input }),
  );
  const send = (verdict: MaterialVerdict) => {
    const key = markProblem(verdict, reason);
    if (key) return setProblem(t(key));
    setProblem(null);
    mark.mutate(
      { verdict, reason: verdict === "needs_correction" ? reason.trim() : undefined },
      {
        onSuccess: (next) => props.onMarked(next as CaseDetail),
        onError: (e) => {
          if (apiErrorOf(e).field === "reason") setProblem(errorText(e, lang));
          else message.error(errorText(e, lang));
        },
      },
    );
  };
  const check = m.check;
  const who = check ? (detail.people[check.byUserId] ?? check.byUserId) : "";
  return (
    <div
      style={{
        padding: "8px 10px",
        borderRadius: token.borderRadius,
        // The chosen row: a bar on its left and a grey ground (a red box would read as an error).
        border: `1px solid ${token.colorBorderSecondary}`,
        borderLeft: `3px solid ${props.selected ? token.colorPrimary : token.colorBorderSecondary}`,
        background: props.selected ? token.colorFillTertiary : undefined,
      }}
    >
      <button
        type="button"
        onClick={props.onSelect}
        aria-pressed={props.selected}
        style={{
          all: "unset",
          display: "flex",
          width: "100%",
          boxSizing: "border-box",
          justifyContent: "space-between",
          alignItems: "center",
          gap: 8,
          flexWrap: "wrap",
          cursor: "pointer",
        }}
      >
        <Typography.Text strong>{m.name}</Typography.Text>
        <Flex gap={4}>
          <Tag color={materialStateColour[m.state]}>{t(materialStateKey[m.state])}</Tag>
          {check ? (
            <Tag
              color={check.verdict === "ok" ? "success" : "error"}
              icon={check.verdict === "ok" ? <CheckOutlined /> : <ExclamationOutlined />}
            >
              {t(check.verdict === "ok" ? "scan.review.ok" : "scan.review.needsCorrection")}
            </Tag>
          ) : (
            <Tag>{t("scan.review.unmarked")}</Tag>
          )}
        </Flex>
      </button>
      {check && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: "block" }}>
          {check.reason ? `${check.reason} · ` : ""}
          {t("scan.review.markedBy", { who, at: dayjs(check.at).format("MM-DD HH:mm") })}
        </Typography.Text>
      )}
      {!props.selected && m.attachments.length > 0 && (
        <div style={{ marginTop: 6 }}>
          <ScanThumbs scans={m.attachments} materialName={m.name} />
        </div>
      )}
      {props.selected && props.canMark && (
        <div style={{ marginTop: 8 }}>
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={`${t("scan.review.reason")}，${t("scan.review.reasonHint")}`}
            autoSize={{ minRows: 1, maxRows: 3 }}
            maxLength={200}
            status={problem ? "error" : undefined}
            aria-label={t("scan.review.reason")}
          />
          {problem && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {problem}
            </Typography.Text>
          )}
          <Flex gap={8} style={{ marginTop: 6 }}>
            <Button
              size="small"
              type={check?.verdict === "ok" ? "primary" : "default"}
              icon={<CheckOutlined />}
              loading={mark.isPending && mark.variables?.verdict === "ok"}
              onClick={() => send("ok")}
            >
              {t("scan.review.ok")}
            </Button>
            <Button
              size="small"
              danger
              type={check?.verdict === "needs_correction" ? "primary" : "default"}
              icon={<ExclamationOutlined />}
              loading={mark.isPending && mark.variables?.verdict === "needs_correction"}
              onClick={() => send("needs_correction")}
            >
              {t("scan.review.needsCorrection")}
            </Button>
          </Flex>
        </div>
      )}
    </div>
  );
}
