import { Tag } from "antd";
import type { DeadlineColour } from "../api/types";
import { useI18n } from "../i18n/i18n-context";
import { colourMeta } from "../lib/deadline";

/** The deadline light of a case: green, yellow (≤2 working days left), red (overdue). */
export function DeadlineTag({ colour, paused }: { colour: DeadlineColour; paused?: boolean }) {
  const { t } = useI18n();
  const meta = colourMeta(colour);
  return (
    <Tag color={meta.tag} data-colour={colour}>
      {t(meta.label)}
      {paused ? ` · ${t("deadline.paused")}` : ""}
    </Tag>
  );
}
