import { roleLabels } from "@bangban/domain";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Typography } from "antd";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { FormDialog } from "../../components/kit/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { pick } from "../../i18n/lang";
import { openPrint } from "../../lib/print";
import { useSites } from "../../lib/sites";
import { extendPlan } from "./extend-plan";
import { reassignOptions } from "./reassign-options";
import { useCaseCommand } from "./use-case-command";

interface DialogProps {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** Sites a result can be picked up at: the center and its stations. */
function usePickupOptions() {
  const sites = useSites();
  return {
    loading: sites.isPending,
    failed: sites.isError,
    options: (sites.data ?? [])
      .filter((s) => s.kind === "center" || s.kind === "station")
      .map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` })),
  };
}

/** 出具结果: the decision goes out, to be picked up at the chosen site (跨域通办). */
export function IssueDialog(props: DialogProps) {
  const { t } = useI18n();
  const { detail } = props;
  const [form] = Form.useForm<{ pickupSiteId: string }>();
  const pickup = usePickupOptions();
  const issue = useCaseCommand(detail.caseId, (v: { pickupSiteId: string }) =>
    api.cases.issue.mutate({ caseId: detail.caseId, pickupSiteId: v.pickupSiteId }),
  );
  return (
    <FormDialog
      open={props.open}
      title={t("action.issue")}
      name="issue"
      form={form}
      onCancel={props.onClose}
      initialValues={{ pickupSiteId: detail.pickupSiteId ?? detail.originSiteId }}
      onSubmit={(v) => issue.mutateAsync(v)}
      onDone={props.onDone}
    >
      <Typography.Paragraph type="secondary">
        {t(detail.status === "DENIED" ? "issue.hintDenied" : "issue.hint")}
      </Typography.Paragraph>
      <Form.Item
        name="pickupSiteId"
        label={t("issue.pickupSite")}
        rules={[{ required: true, message: t("issue.pickupRequired") }]}
      >
        <Select
          showSearch={{ optionFilterProp: "label" }}
          loading={pickup.loading}
          options={pickup.options}
          notFoundContent={pickup.failed ? t("common.loadFailed") : t("transfer.noSites")}
        />
      </Form.Item>
    </FormDialog>
  );
}

/** 指定出件站点 before the decision: where the resident will collect the result. */
export function PickupDialog(props: DialogProps) {
  const { t } = useI18n();
  const { detail } = props;
  const [form] = Form.useForm<{ siteId: string }>();
  const pickup = usePickupOptions();
  const set = useCaseCommand(detail.caseId, (v: { siteId: string }) =>
    api.cases.setPickupSite.mutate({ caseId: detail.caseId, siteId: v.siteId }),
  );
  return (
    <FormDialog
      open={props.open}
      title={t("action.setPickupSite")}
      name="pickup"
      form={form}
      onCancel={props.onClose}
      initialValues={{ siteId: detail.pickupSiteId ?? detail.originSiteId }}
      onSubmit={(v) => set.mutateAsync(v)}
      onDone={props.onDone}
    >
      <Form.Item
        name="siteId"
        label={t("issue.pickupSite")}
        rules={[{ required: true, message: t("issue.pickupRequired") }]}
      >
        <Select
          showSearch={{ optionFilterProp: "label" }}
          loading={pickup.loading}
          options={pickup.options}
        />
      </Form.Item>
    </FormDialog>
  );
}

interface ReassignValues {
  toUserId: string;
  reason: string;
}

/**
 * 转派 (AB岗): a lead hands the case to another active member of the handling site's staff.
 * Who is away today is marked; a case handed to them goes to their B岗, as the server routes it.
 */
export function ReassignDialog(props: DialogProps) {
  const { t, lang } = useI18n();
  const { detail } = props;
  const [form] = Form.useForm<ReassignValues>();
  const staff = useQuery({
    ...trpcQuery("absences.assignable", { caseId: detail.caseId }),
    enabled: props.open,
  });
  const reassign = useCaseCommand(detail.caseId, (v: ReassignValues) =>
    api.cases.reassign.mutate({ caseId: detail.caseId, ...v }),
  );
  const options = reassignOptions(staff.data?.staff ?? [], detail.assigneeId);
  const chosen = Form.useWatch("toUserId", form);
  const covered = options.find((o) => o.value === chosen)?.coveredBy;
  const role = (r: string) => pick(roleLabels[r as keyof typeof roleLabels], lang);
  return (
    <FormDialog
      open={props.open}
      title={t("action.reassign")}
      name="reassign"
      form={form}
      onCancel={props.onClose}
      onSubmit={(v) => reassign.mutateAsync(v)}
      onDone={props.onDone}
    >
      <Typography.Paragraph type="secondary">
        {t("reassign.current", {
          name: detail.assigneeId
            ? (detail.people[detail.assigneeId] ?? detail.assigneeId)
            : t("reassign.nobody"),
        })}
      </Typography.Paragraph>
      <Form.Item
        name="toUserId"
        label={t("reassign.to")}
        extra={covered ? t("ab.routedToBackup", { name: covered }) : t("reassign.toHint")}
        rules={[{ required: true, message: t("reassign.toRequired") }]}
      >
        <Select
          showSearch={{ optionFilterProp: "label" }}
          loading={staff.isPending}
          notFoundContent={staff.isError ? t("common.loadFailed") : t("reassign.noUsers")}
          options={options.map((o) => ({
            value: o.value,
            disabled: o.disabled,
            label: `${o.person.displayName}（${role(o.person.role)}）${
              o.person.absentToday
                ? o.coveredBy
                  ? t("ab.awayCovered", { name: o.coveredBy })
                  : t("ab.awayUncovered")
                : ""
            }`,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t("reassign.reason")}
        rules={[{ required: true, whitespace: true, message: t("reassign.reasonRequired") }]}
      >
        <Input.TextArea rows={3} maxLength={400} showCount placeholder={t("reassign.reasonHint")} />
      </Form.Item>
    </FormDialog>
  );
}

export const SUSPEND_REASONS = [
  "publicity",
  "hearing",
  "testing",
  "appraisal",
  "expert_review",
  "verification",
  "other",
] as const;
type SuspendReason = (typeof SUSPEND_REASONS)[number];

/** 特别程序: hearing, testing, expert review …; the clock pauses until review resumes. */
export function SuspendDialog(props: DialogProps) {
  const { t } = useI18n();
  const { detail } = props;
  const [form] = Form.useForm<{ reason: SuspendReason; note?: string }>();
  const reason = Form.useWatch("reason", form);
  const suspend = useCaseCommand(detail.caseId, (v: { reason: SuspendReason; note?: string }) =>
    api.cases.suspend.mutate({
      caseId: detail.caseId,
      reason: v.reason,
      note: v.note?.trim() || undefined,
    }),
  );
  return (
    <FormDialog
      open={props.open}
      title={t("action.suspend")}
      name="suspend"
      form={form}
      onCancel={props.onClose}
      onSubmit={(v) => suspend.mutateAsync(v)}
      onDone={props.onDone}
    >
      <Typography.Paragraph type="secondary">{t("suspend.hint")}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t("suspend.reason")}
        rules={[{ required: true, message: t("suspend.reasonRequired") }]}
      >
        <Select
          options={SUSPEND_REASONS.map((r) => ({ value: r, label: t(`suspend.reason.${r}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={t("suspend.note")}
        rules={
          reason === "other"
            ? [{ required: true, whitespace: true, message: t("suspend.noteRequired") }]
            : []
        }
      >
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormDialog>
  );
}

/**
 * 延期 (center lead, DOMAIN §3.4): by the item's rule only — prefilled with it, at most its
 * days — with the reason the applicant is told, once per case; then the 延期告知书 to print.
 * An item without a rule, or a case already extended, gets the reason why and no form.
 */
export function ExtendDialog(props: DialogProps) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const { detail } = props;
  const [form] = Form.useForm<{ workdays: number; reason: string }>();
  const plan = extendPlan(detail.extension);
  const extend = useCaseCommand(detail.caseId, (v: { workdays: number; reason: string }) =>
    api.cases.extend.mutate({
      caseId: detail.caseId,
      workdays: v.workdays,
      reason: v.reason.trim(),
    }),
  );
  if (plan.kind !== "rule") {
    return (
      <Modal
        open={props.open}
        title={t("action.extend")}
        onCancel={props.onClose}
        footer={<Button onClick={props.onClose}>{t("common.back")}</Button>}
      >
        <Alert
          type="warning"
          showIcon
          title={
            plan.kind === "none" ? t("extend.none") : t("extend.granted", { n: plan.workdays })
          }
        />
      </Modal>
    );
  }
  const done = () => {
    props.onDone();
    modal.confirm({
      title: t("extend.printNow"),
      okText: t("extend.print"),
      cancelText: t("extend.later"),
      onOk: () => openPrint("extension-notice", detail.caseId),
    });
  };
  return (
    <FormDialog
      open={props.open}
      title={t("action.extend")}
      name="extend"
      form={form}
      onCancel={props.onClose}
      initialValues={{ workdays: plan.workdays }}
      intro={
        <Alert
          type="info"
          showIcon
          title={t(plan.basis, { n: plan.workdays })}
          description={t("extend.hint")}
        />
      }
      onSubmit={(v) => extend.mutateAsync(v)}
      onDone={done}
    >
      <Form.Item
        name="workdays"
        label={t("extend.workdays")}
        extra={t("extend.workdaysMax", { n: plan.workdays })}
        rules={[{ required: true, message: t("extend.workdaysRequired") }]}
      >
        <InputNumber min={1} max={plan.workdays} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t("extend.reason")}
        rules={[{ required: true, whitespace: true, message: t("extend.reasonRequired") }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t("extend.reasonHint")} />
      </Form.Item>
    </FormDialog>
  );
}
