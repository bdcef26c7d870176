import {
  AuditOutlined,
  CheckOutlined,
  CloseOutlined,
  DownOutlined,
  FileExclamationOutlined,
  SendOutlined,
} from "@ant-design/icons";
import { App, Button, Dropdown } from "antd";
import { useState } from "react";
import { errorText } from "../../api/errors";
import { api } from "../../api/trpc";
import type { CaseDetail, SignedInUser } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import type { CaseAction } from "./available-actions";
import {
  ExtendDialog,
  IssueDialog,
  PickupDialog,
  ReassignDialog,
  SuspendDialog,
} from "./back-office-dialogs";
import { CorrectionDialog } from "./correction-dialog";
import { ReasonDialog } from "./reason-dialog";
import { useCaseCommand } from "./use-case-command";

type Dialog =
  | "approve"
  | "deny"
  | "correction"
  | "issue"
  | "pickup"
  | "reassign"
  | "suspend"
  | "extend"
  | null;

/** Less frequent back-office actions, under 更多. */
const MORE = ["suspend", "resume", "extend", "reassign", "setPickupSite"] as const;

/** The back office's buttons on a case at the hub: review, decide, 补正, issue, hand over. */
export function BackOfficeActions(props: {
  detail: CaseDetail;
  user: SignedInUser;
  actions: CaseAction[];
}) {
  const { detail, actions } = props;
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const id = detail.caseId;
  const has = (a: CaseAction) => actions.includes(a);
  const onError = (e: unknown) => message.error(errorText(e, lang), 6);
  const done = () => {
    setDialog(null);
    message.success(t("common.saved"));
  };
  const startReview = useCaseCommand(id, () => api.cases.startReview.mutate({ caseId: id }));
  const resume = useCaseCommand(id, () => api.cases.resume.mutate({ caseId: id }));
  const approve = useCaseCommand(id, (note: string) =>
    api.cases.approve.mutate({ caseId: id, note: note || undefined }),
  );
  const deny = useCaseCommand(id, (reason: string) =>
    api.cases.deny.mutate({ caseId: id, reason }),
  );
  const confirm = (title: string, run: () => void) =>
    modal.confirm({
      title,
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
      onOk: run,
    });
  const more = MORE.filter(has).map((a) => ({ key: a, label: t(`action.${a}`) }));
  const openMore = (key: string) => {
    if (key === "resume")
      confirm(t("action.resumeConfirm"), () =>
        resume.mutate(undefined, { onError, onSuccess: done }),
      );
    else if (key === "setPickupSite") setDialog("pickup");
    else setDialog(key as Dialog);
  };
  return (
    <>
      {has("startReview") && (
        <Button
          type="primary"
          icon={<AuditOutlined />}
          loading={startReview.isPending}
          onClick={() =>
            confirm(t("action.startReviewConfirm"), () =>
              startReview.mutate(undefined, { onError, onSuccess: done }),
            )
          }
        >
          {t("action.startReview")}
        </Button>
      )}
      {has("approve") && (
        <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog("approve")}>
          {t("action.approve")}
        </Button>
      )}
      {has("deny") && (
        <Button danger icon={<CloseOutlined />} onClick={() => setDialog("deny")}>
          {t("action.deny")}
        </Button>
      )}
      {has("requestCorrection") && (
        <Button icon={<FileExclamationOutlined />} onClick={() => setDialog("correction")}>
          {t("action.requestCorrection")}
        </Button>
      )}
      {has("issue") && (
        <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog("issue")}>
          {t("action.issue")}
        </Button>
      )}
      {more.length > 0 && (
        <Dropdown menu={{ items: more, onClick: ({ key }) => openMore(key) }}>
          <Button>
            {t("action.more")} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      <ReasonDialog
        name="approve"
        open={dialog === "approve"}
        title={t("action.approve")}
        label={t("approve.note")}
        required={false}
        requiredMessage=""
        onCancel={() => setDialog(null)}
        onSubmit={(note) => approve.mutateAsync(note).then(done)}
      />
      <ReasonDialog
        name="deny"
        open={dialog === "deny"}
        title={t("action.deny")}
        label={t("deny.reason")}
        required
        requiredMessage={t("deny.reasonRequired")}
        okDanger
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => deny.mutateAsync(reason).then(done)}
      />
      <CorrectionDialog
        detail={detail}
        open={dialog === "correction"}
        onClose={() => setDialog(null)}
        onDone={done}
      />
      <IssueDialog
        detail={detail}
        open={dialog === "issue"}
        onClose={() => setDialog(null)}
        onDone={done}
      />
      <PickupDialog
        detail={detail}
        open={dialog === "pickup"}
        onClose={() => setDialog(null)}
        onDone={done}
      />
      <ReassignDialog
        detail={detail}
        siteId={props.user.siteId}
        open={dialog === "reassign"}
        onClose={() => setDialog(null)}
        onDone={done}
      />
      <SuspendDialog
        detail={detail}
        open={dialog === "suspend"}
        onClose={() => setDialog(null)}
        onDone={done}
      />
      <ExtendDialog
        detail={detail}
        open={dialog === "extend"}
        onClose={() => setDialog(null)}
        onDone={done}
      />
    </>
  );
}
