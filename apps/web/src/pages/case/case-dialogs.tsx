import { api } from "../../api/trpc";
import type { CaseDetail } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import type { DialogKey } from "./action-registry";
import {
  ExtendDialog,
  IssueDialog,
  PickupDialog,
  ReassignDialog,
  SuspendDialog,
} from "./back-office-dialogs";
import { CorrectionDialog } from "./correction-dialog";
import { HandoverDialog } from "./handover-dialog";
import { OpinionDialog } from "./opinion-dialog";
import { ReasonDialog } from "./reason-dialog";
import { SupplementDialog } from "./supplement-dialog";
import { TransferDialog } from "./transfer-dialog";
import { useCaseCommand } from "./use-case-command";

/** Every dialog a case button can open (action-registry.ts names them); one open at a time. */
export function CaseDialogs(props: {
  detail: CaseDetail;
  open: DialogKey | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { detail, onClose, onDone } = props;
  const { t } = useI18n();
  const id = detail.caseId;
  const is = (k: DialogKey) => props.open === k;
  const withdraw = useCaseCommand(id, (reason: string) =>
    api.cases.withdraw.mutate({ caseId: id, reason: reason || undefined }),
  );
  const reject = useCaseCommand(id, (reason: string) =>
    api.cases.reject.mutate({ caseId: id, reason }),
  );
  const approve = useCaseCommand(id, (note: string) =>
    api.cases.approve.mutate({ caseId: id, note: note || undefined }),
  );
  const deny = useCaseCommand(id, (reason: string) =>
    api.cases.deny.mutate({ caseId: id, reason }),
  );
  const dialog = { detail, onClose, onDone };
  return (
    <>
      <SupplementDialog detail={detail} open={is("supplement")} onClose={onClose} />
      <TransferDialog detail={detail} open={is("transfer")} onClose={onClose} />
      <ReasonDialog
        name="withdraw"
        open={is("withdraw")}
        title={t("action.withdraw")}
        label={t("withdraw.reason")}
        required={false}
        requiredMessage=""
        okDanger
        onCancel={onClose}
        onSubmit={(r) => withdraw.mutateAsync(r).then(onDone)}
      />
      <ReasonDialog
        name="reject"
        open={is("reject")}
        title={t("action.reject")}
        label={t("reject.reason")}
        required
        requiredMessage={t("reject.reasonRequired")}
        okDanger
        onCancel={onClose}
        onSubmit={(r) => reject.mutateAsync(r).then(onDone)}
      />
      <OpinionDialog {...dialog} open={is("opinion")} />
      <ReasonDialog
        name="approve"
        open={is("approve")}
        title={t("action.approve")}
        label={t("approve.note")}
        required={false}
        requiredMessage=""
        onCancel={onClose}
        onSubmit={(note) => approve.mutateAsync(note).then(onDone)}
      />
      <ReasonDialog
        name="deny"
        open={is("deny")}
        title={t("action.deny")}
        label={t("deny.reason")}
        required
        requiredMessage={t("deny.reasonRequired")}
        okDanger
        onCancel={onClose}
        onSubmit={(reason) => deny.mutateAsync(reason).then(onDone)}
      />
      <HandoverDialog {...dialog} open={is("complete")} />
      <CorrectionDialog {...dialog} open={is("correction")} />
      <IssueDialog {...dialog} open={is("issue")} />
      <PickupDialog {...dialog} open={is("pickup")} />
      <ReassignDialog {...dialog} open={is("reassign")} />
      <SuspendDialog {...dialog} open={is("suspend")} />
      <ExtendDialog {...dialog} open={is("extend")} />
    </>
  );
}
