import { FALLBACK_OUTCOMES, NOT_ACCEPTED_REASONS } from "@bangban/domain";
import { Form, Input, Radio, Select } from "antd";
import { api } from "../../api/trpc";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";
import type { ComplaintAction } from "./complaint-view";

type Values = Record<string, unknown>;

/** The form of one step of the loop that needs more than a click (不予受理, 办结, 归档, 回访, 兜底办结). */
export function ActDialog(props: {
  id: string;
  type: ComplaintAction | null;
  written: boolean;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const type = props.type;
  return (
    <FormDialog<Values>
      open={type !== null}
      name="complaint-act"
      title={type ? t(`complaints.action.${type}` as MessageKey) : ""}
      onSubmit={(v) => api.complaints.act.mutate({ id: props.id, type, ...v } as never)}
      onDone={() => props.onClose(true)}
      onCancel={() => props.onClose(false)}
      width={560}
    >
      {type === "decline" && (
        <>
          <Form.Item
            name="reason"
            label={t("complaints.declineReason")}
            rules={[{ required: true, message: t("complaints.declineReasonRequired") }]}
          >
            <Select
              options={NOT_ACCEPTED_REASONS.map((r) => ({
                value: r,
                label: t(`complaints.reason.${r}` as MessageKey),
              }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t("complaints.note")}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      {type === "close" && (
        <>
          <Form.Item
            name="substantiated"
            label={t("complaints.substantiated")}
            rules={[{ required: true, message: t("complaints.substantiatedRequired") }]}
          >
            <Radio.Group
              options={[
                { value: true, label: t("complaints.substantiated.yes") },
                { value: false, label: t("complaints.substantiated.no") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="result"
            label={t("complaints.result")}
            rules={[{ required: true, whitespace: true, message: t("complaints.resultRequired") }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="reply"
            label={t("complaints.reply")}
            extra={props.written ? t("complaints.replyWritten") : undefined}
            rules={
              props.written
                ? [{ required: true, whitespace: true, message: t("complaints.replyRequired") }]
                : []
            }
          >
            <Input.TextArea rows={5} maxLength={4000} />
          </Form.Item>
        </>
      )}
      {type === "file_result" && (
        <Form.Item
          name="result"
          label={t("complaints.fileResult")}
          rules={[{ required: true, whitespace: true, message: t("complaints.resultRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
      {type === "follow_up" && (
        <>
          <Form.Item
            name="reached"
            label={t("complaints.reached")}
            rules={[{ required: true, message: t("complaints.reachedRequired") }]}
          >
            <Radio.Group
              options={[
                { value: true, label: t("complaints.reached.yes") },
                { value: false, label: t("complaints.reached.no") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="result"
            label={t("complaints.followUpResult")}
            rules={[{ required: true, whitespace: true, message: t("complaints.resultRequired") }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      )}
      {type === "fallback_close" && (
        <>
          <Form.Item
            name="outcome"
            label={t("desk.outcome")}
            rules={[{ required: true, message: t("desk.outcomeRequired") }]}
          >
            <Radio.Group
              options={FALLBACK_OUTCOMES.map((o) => ({
                value: o,
                label: t(`desk.outcome.${o}` as MessageKey),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t("desk.note")}
            rules={[{ required: true, whitespace: true, message: t("desk.noteRequired") }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
