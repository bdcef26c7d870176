import {
  CheckCircleOutlined,
  DownOutlined,
  PrinterOutlined,
  SendOutlined,
  SmileOutlined,
  SwapOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { App, Button, Dropdown, Flex } from "antd";
import { useState } from "react";
import { errorText } from "../../api/errors";
import { api } from "../../api/trpc";
import type { CaseDetail, SignedInUser } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { openPrint } from "../../lib/print";
import { availableActions } from "./available-actions";
import { BackOfficeActions } from "./back-office-actions";
import { HandoverDialog } from "./handover-dialog";
import { ReasonDialog } from "./reason-dialog";
import { SupplementDialog } from "./supplement-dialog";
import { TransferDialog } from "./transfer-dialog";
import { useCaseCommand } from "./use-case-command";
import { useOpenRating } from "./use-open-rating";

type Dialog = "supplement" | "transfer" | "withdraw" | "reject" | "complete" | null;

/** What can be done with the case now, for this role; the server decides in the end. */
export function CaseActions(props: {
  detail: CaseDetail;
  user: SignedInUser;
  node: "station" | "hub";
}) {
  const { detail, user } = props;
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const id = detail.caseId;
  const actions = availableActions(detail, user.role, props.node, user.siteId);
  const has = (a: (typeof actions)[number]) => actions.includes(a);
  const onError = (e: unknown) => message.error(errorText(e, lang), 6);
  const accept = useCaseCommand(id, () => api.cases.accept.mutate({ caseId: id }));
  const forward = useCaseCommand(id, () => api.cases.forward.mutate({ caseId: id }));
  const withdraw = useCaseCommand(id, (reason: string) =>
    api.cases.withdraw.mutate({ caseId: id, reason: reason || undefined }),
  );
  const reject = useCaseCommand(id, (reason: string) =>
    api.cases.reject.mutate({ caseId: id, reason }),
  );
  const rating = useOpenRating(id);
  const confirm = (title: string, run: () => void) =>
    modal.confirm({
      title,
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
      onOk: run,
    });
  const done = () => {
    setDialog(null);
    message.success(t("common.saved"));
  };
  const papers = [
    { key: "receipt", label: t("print.receipt"), show: detail.deadline.state !== "not_started" },
    ...detail.notices.map((n, i) => ({
      key: `notice:${n}`,
      label: t("print.oneTimeNoticeN", { n: i + 1 }),
      show: true,
    })),
    {
      key: "deferred-commitment",
      label: t("print.deferredCommitment"),
      show: detail.materials.some((m) => m.promise),
    },
    {
      key: "deferred-notice",
      label: t("print.deferredNotice"),
      show: detail.materials.some((m) => m.promise),
    },
    { key: "power-of-attorney", label: t("print.poa"), show: detail.mode === "proxy" },
    { key: "delivery-receipt", label: t("print.deliveryReceipt"), show: detail.handover !== null },
  ].filter((p) => p.show);
  const print = (key: string) => {
    if (key.startsWith("notice:")) openPrint("one-time-notice", id, key.slice(7));
    else openPrint(key as "receipt", id);
  };
  return (
    <Flex gap={8} wrap>
      {props.node === "hub" && <BackOfficeActions detail={detail} user={user} actions={actions} />}
      {has("supplement") && (
        <Button type="primary" icon={<UploadOutlined />} onClick={() => setDialog("supplement")}>
          {t("action.supplement")}
        </Button>
      )}
      {has("accept") && (
        <Button
          icon={<CheckCircleOutlined />}
          loading={accept.isPending}
          onClick={() =>
            confirm(t("action.acceptConfirm"), () => accept.mutate(undefined, { onError }))
          }
        >
          {t("action.accept")}
        </Button>
      )}
      {has("forward") && (
        <Button
          icon={<SendOutlined />}
          loading={forward.isPending}
          onClick={() =>
            confirm(t("action.forwardConfirm"), () => forward.mutate(undefined, { onError }))
          }
        >
          {t("action.forward")}
        </Button>
      )}
      {has("complete") && (
        // 办结 asks who collects the result (本人/代领) in its own dialog, which completes.
        <>
          <Button
            type="primary"
            icon={<CheckCircleOutlined />}
            onClick={() => setDialog("complete")}
          >
            {t("action.complete")}
          </Button>
          <HandoverDialog
            detail={detail}
            open={dialog === "complete"}
            onClose={() => setDialog(null)}
            onDone={done}
          />
        </>
      )}
      {has("rate") && (
        <Button
          icon={<SmileOutlined />}
          loading={rating.isPending}
          onClick={() => rating.mutate(undefined, { onError })}
        >
          {t("action.rate")}
        </Button>
      )}
      {has("transfer") && (
        <Button icon={<SwapOutlined />} onClick={() => setDialog("transfer")}>
          {t("action.transfer")}
        </Button>
      )}
      {papers.length > 0 && (
        <Dropdown
          menu={{
            items: papers.map((p) => ({ key: p.key, label: p.label })),
            onClick: ({ key }) => print(key),
          }}
        >
          <Button icon={<PrinterOutlined />}>
            {t("action.print")} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      {has("withdraw") && (
        <Button danger onClick={() => setDialog("withdraw")}>
          {t("action.withdraw")}
        </Button>
      )}
      {has("reject") && (
        <Button danger onClick={() => setDialog("reject")}>
          {t("action.reject")}
        </Button>
      )}
      <SupplementDialog
        detail={detail}
        open={dialog === "supplement"}
        onClose={() => setDialog(null)}
      />
      <TransferDialog
        detail={detail}
        open={dialog === "transfer"}
        onClose={() => setDialog(null)}
      />
      <ReasonDialog
        name="withdraw"
        open={dialog === "withdraw"}
        title={t("action.withdraw")}
        label={t("withdraw.reason")}
        required={false}
        requiredMessage=""
        okDanger
        onCancel={() => setDialog(null)}
        onSubmit={(r) => withdraw.mutateAsync(r).then(done)}
      />
      <ReasonDialog
        name="reject"
        open={dialog === "reject"}
        title={t("action.reject")}
        label={t("reject.reason")}
        required
        requiredMessage={t("reject.reasonRequired")}
        okDanger
        onCancel={() => setDialog(null)}
        onSubmit={(r) => reject.mutateAsync(r).then(done)}
      />
    </Flex>
  );
}
