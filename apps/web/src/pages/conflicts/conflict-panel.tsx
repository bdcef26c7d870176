import { CheckCircleOutlined, CloseCircleOutlined } from "@ant-design/icons";
import { roleLabels } from "@bangban/domain";
import { Alert, Button, Card, Col, Empty, Form, Input, Row, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { ApiError } from "../../api/errors";
import { api } from "../../api/trpc";
import type { CaseConflict, CaseDetail, TimelineEvent } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { pick } from "../../i18n/lang";
import { placeFieldError } from "../../lib/form-errors";
import { eventKey } from "../../lib/labels";
import { roleName } from "../../lib/role-name";
import { useSiteName } from "../../lib/sites";
import { eventSummary } from "../case/event-summary";
import { useCaseCommand } from "../case/use-case-command";
import { conflictSides, resolutions } from "./conflict-sides";

/** One side of a conflict: what was done, by whom, where and when. */
function Side(props: {
  kind: "applied" | "refused";
  event: TimelineEvent | null;
  conflict: CaseConflict;
  detail: CaseDetail;
}) {
  const { t, lang } = useI18n();
  const site = useSiteName();
  const { event, conflict } = props;
  const refused = props.kind === "refused";
  const colour = refused ? "#cf1322" : "#389e0d";
  const type = event?.type ?? (refused ? conflict.type : null);
  const actorName = props.detail.people[event?.actorId ?? conflict.actor.userId];
  return (
    <Card
      size="small"
      style={{ borderTop: `3px solid ${colour}`, height: "100%" }}
      title={
        <Space>
          {refused ? (
            <CloseCircleOutlined style={{ color: colour }} />
          ) : (
            <CheckCircleOutlined style={{ color: colour }} />
          )}
          {t(refused ? "conflict.refused" : "conflict.applied")}
        </Space>
      }
    >
      {type === null ? (
        <Typography.Text type="secondary">{t("conflict.appliedUnknown")}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={4}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t(eventKey[type])}
          </Typography.Text>
          <Typography.Text type="secondary">
            {dayjs(event?.at ?? conflict.at).format("YYYY-MM-DD HH:mm")} ·{" "}
            {site(event?.siteId ?? conflict.actor.siteId)} ·{" "}
            {event ? roleName(event.actorRole, lang) : pick(roleLabels[conflict.actor.role], lang)}
            {actorName ? ` ${actorName}` : ""}
          </Typography.Text>
          {event && eventSummary(event, props.detail, t) && (
            <Typography.Text>{eventSummary(event, props.detail, t)}</Typography.Text>
          )}
          {refused && (
            <Alert
              type="error"
              showIcon
              title={t("conflict.why")}
              description={lang === "en" ? conflict.en : conflict.zh}
            />
          )}
        </Space>
      )}
    </Card>
  );
}

/** 处理冲突: a note saying what was decided; the case is unflagged. */
function ResolveForm({ detail }: { detail: CaseDetail }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ note: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  const resolve = useCaseCommand(detail.caseId, (note: string) =>
    api.cases.resolveConflict.mutate({ caseId: detail.caseId, note }),
  );
  return (
    <Form
      form={form}
      layout="vertical"
      name={`resolve-${detail.caseId}`}
      onFinish={(v) => {
        setError(null);
        resolve.mutate(v.note.trim(), {
          onSuccess: () => form.resetFields(),
          onError: (e) => setError(placeFieldError(form, e, lang)),
        });
      }}
    >
      {error && (
        <Alert type="error" showIcon title={error[lang] || error.zh} style={{ marginBottom: 12 }} />
      )}
      <Form.Item
        name="note"
        label={t("conflict.note")}
        extra={t("conflict.noteHint")}
        rules={[{ required: true, whitespace: true, message: t("conflict.noteRequired") }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={resolve.isPending}>
        {t("conflict.resolve")}
      </Button>
    </Form>
  );
}

/**
 * 冲突: transitions made on two sides that the state machine could not both accept. Both
 * sides are shown; a reviewer or center lead records how it was settled.
 */
export function ConflictPanel(props: { detail: CaseDetail; canResolve: boolean }) {
  const { t, lang } = useI18n();
  const { detail } = props;
  const done = resolutions(detail.timeline);
  if (detail.conflicts.length === 0) return <Empty description={t("conflict.none")} />;
  return (
    <Card
      size="small"
      data-testid="conflict-panel"
      title={
        <Space>
          {t("conflict.title")}
          {detail.conflictOpen ? (
            <Tag color="error">{t("conflict.open")}</Tag>
          ) : (
            <Tag color="success">{t("conflict.resolved")}</Tag>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {detail.conflicts.map((c) => {
          const sides = conflictSides(c, detail.timeline);
          return (
            <Row key={c.eventId} gutter={[12, 12]}>
              <Col xs={24} md={12}>
                <Side kind="applied" event={sides.applied} conflict={c} detail={detail} />
              </Col>
              <Col xs={24} md={12}>
                <Side kind="refused" event={sides.refused} conflict={c} detail={detail} />
              </Col>
            </Row>
          );
        })}
        {done.map((r) => (
          <Alert
            key={r.id}
            type="success"
            showIcon
            title={t("conflict.resolvedBy", {
              at: dayjs(r.at).format("YYYY-MM-DD HH:mm"),
              who: detail.people[r.actorId] ?? roleName(r.actorRole, lang),
            })}
            description={eventSummary(r, detail, t)}
          />
        ))}
        {detail.conflictOpen &&
          (props.canResolve ? (
            <ResolveForm detail={detail} />
          ) : (
            <Typography.Text type="secondary">{t("conflict.cannotResolve")}</Typography.Text>
          ))}
      </Space>
    </Card>
  );
}
