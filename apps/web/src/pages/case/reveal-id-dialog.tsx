import type { AccessPurposeKind } from "@bangban/domain";
import { Form, Input, Select, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { useMe } from "../../auth/use-me";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { purposeOf, purposeOptions, revealOffered } from "./reveal-id";

type Who = "applicant" | "agent";
interface PurposeValues {
  kind: AccessPurposeKind;
  note?: string;
}

/**
 * 查看完整证件号: a small link beside a masked ID, shown only to whom the server allows it.
 * The number is asked for with a purpose (the server logs it as person.reveal) and is held
 * only while the dialog is open.
 */
export function RevealIdLink({ detail, who }: { detail: CaseDetail; who: Who }) {
  const { t } = useI18n();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const user = me.data?.user;
  if (!user || !me.data || !revealOffered(detail, user, me.data.node.role)) return null;
  const name = who === "agent" ? (detail.agent?.name ?? "") : detail.applicant.name;
  return (
    <>
      <Typography.Link
        onClick={() => setOpen(true)}
        style={{ marginInlineStart: 8, whiteSpace: "nowrap" }}
      >
        {t("case.revealId")}
      </Typography.Link>
      {open && (
        <RevealIdDialog
          caseId={detail.caseId}
          who={who}
          name={name}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function RevealIdDialog(props: { caseId: string; who: Who; name: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PurposeValues>();
  const kind = Form.useWatch("kind", form);
  const [idNumber, setIdNumber] = useState<string | null>(null);
  return (
    <FormDialog<PurposeValues, { idNumber: string }>
      open
      name="reveal-id"
      form={form}
      title={t("case.revealTitle", { name: props.name })}
      okText={t("case.revealShow")}
      onCancel={props.onClose}
      onSubmit={(v) =>
        api.residents.reveal.mutate({ caseId: props.caseId, who: props.who, purpose: purposeOf(v) })
      }
      onDone={(r) => setIdNumber(r.idNumber)}
      result={
        idNumber === null ? null : (
          <Typography.Paragraph>
            <Typography.Text strong style={{ fontFamily: "monospace", fontSize: 20 }}>
              {idNumber}
            </Typography.Text>
          </Typography.Paragraph>
        )
      }
      resultOkText={t("case.revealDone")}
      footnote={<Typography.Text type="secondary">{t("case.revealLogged")}</Typography.Text>}
    >
      <PurposeFields kind={kind} />
    </FormDialog>
  );
}

/** The purpose select and, for 其他, the note it then needs. */
export function PurposeFields(props: { kind: AccessPurposeKind | undefined; label?: string }) {
  const { t, lang } = useI18n();
  const { kind } = props;
  return (
    <>
      <Form.Item
        name="kind"
        label={props.label ?? t("case.revealPurpose")}
        rules={[{ required: true, message: t("case.revealPurposeRequired") }]}
      >
        <Select options={purposeOptions(lang)} style={{ minWidth: 160 }} />
      </Form.Item>
      <Form.Item
        name="note"
        label={t("case.revealNote")}
        rules={
          kind === "other"
            ? [{ required: true, whitespace: true, message: t("case.revealNoteRequired") }]
            : []
        }
      >
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}
