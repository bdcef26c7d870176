import {
  AuditOutlined,
  CheckCircleOutlined,
  CheckOutlined,
  CloseOutlined,
  DownOutlined,
  EditOutlined,
  FileExclamationOutlined,
  PrinterOutlined,
  SendOutlined,
  SmileOutlined,
  SwapOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import type { CaseEventType } from "@bangban/domain";
import { App, Button, Dropdown, Flex } from "antd";
import type { ReactNode } from "react";
import { useState } from "react";
import { errorText } from "../../api/errors";
import { api } from "../../api/trpc";
import type { CaseCommandResult, CaseDetail, SignedInUser } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import { openPrint, type PrintKind } from "../../lib/print";
import {
  type CaseButton,
  caseButtons,
  type DialogKey,
  type IconName,
  mayInviteRating,
} from "./action-registry";
import { CaseDialogs } from "./case-dialogs";
import { casePapers } from "./papers";
import { useCaseCommand } from "./use-case-command";
import { useOpenRating } from "./use-open-rating";

const ICONS: Record<IconName, ReactNode> = {
  audit: <AuditOutlined />,
  opinion: <EditOutlined />,
  check: <CheckOutlined />,
  close: <CloseOutlined />,
  correction: <FileExclamationOutlined />,
  send: <SendOutlined />,
  upload: <UploadOutlined />,
  accept: <CheckCircleOutlined />,
  swap: <SwapOutlined />,
  smile: <SmileOutlined />,
};

/** The commands sent straight after a confirmation (the registry's `confirm` entries). */
function confirmed(
  caseId: string,
): Partial<Record<CaseEventType, () => Promise<CaseCommandResult>>> {
  return {
    accept: () => api.cases.accept.mutate({ caseId }),
    forward: () => api.cases.forward.mutate({ caseId }),
    start_review: () => api.cases.startReview.mutate({ caseId }),
    resume: () => api.cases.resume.mutate({ caseId }),
  };
}

/**
 * What the signed-in user can do with the case now: the server's `allowed` list through the
 * one action registry. The server decides in the end; its refusal is shown if the case moved.
 */
export function CaseActions(props: { detail: CaseDetail; user: SignedInUser }) {
  const { detail, user } = props;
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<DialogKey | null>(null);
  const id = detail.caseId;
  const onError = (e: unknown) => message.error(errorText(e, lang), 6);
  const done = () => {
    setDialog(null);
    message.success(t("common.saved"));
  };
  const send = useCaseCommand(id, (type: CaseEventType) => {
    const call = confirmed(id)[type];
    if (!call) throw new Error(`no confirmed command for ${type}`);
    return call();
  });
  const rating = useOpenRating(id);
  const { row, more, end } = caseButtons(detail);
  const press = (b: CaseButton) => {
    if ("dialog" in b.opens) {
      setDialog(b.opens.dialog);
      return;
    }
    modal.confirm({
      title: t(b.opens.confirm),
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
      onOk: () => send.mutate(b.type, { onError, onSuccess: done }),
    });
  };
  const button = (b: CaseButton) => (
    <Button
      key={b.type}
      type={b.look === "primary" ? "primary" : "default"}
      danger={b.look === "danger"}
      icon={b.icon && ICONS[b.icon]}
      loading={send.isPending && send.variables === b.type}
      onClick={() => press(b)}
    >
      {t(b.label)}
    </Button>
  );
  const papers = casePapers(detail).map((p) => ({
    key: p.key,
    label: p.n === undefined ? t(p.label) : t(p.label, { n: p.n }),
  }));
  const print = (key: string) => {
    if (key.startsWith("notice:")) openPrint("one-time-notice", id, key.slice(7));
    else openPrint(key as PrintKind, id);
  };
  return (
    <Flex gap={8} wrap>
      {row.map(button)}
      {mayInviteRating(user.role, detail.ratings) && (
        <Button
          icon={ICONS.smile}
          loading={rating.isPending}
          onClick={() => rating.mutate(undefined, { onError })}
        >
          {t("action.rate")}
        </Button>
      )}
      {more.length > 0 && (
        <Dropdown
          trigger={["click"]}
          menu={{
            items: more.map((b) => ({ key: b.type, label: t(b.label) })),
            onClick: ({ key }) => {
              const b = more.find((m) => m.type === key);
              if (b) press(b);
            },
          }}
        >
          <Button>
            {t("action.more")} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      {papers.length > 0 && (
        <Dropdown
          trigger={["click"]}
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
      {end.map(button)}
      <CaseDialogs detail={detail} open={dialog} onClose={() => setDialog(null)} onDone={done} />
    </Flex>
  );
}
