import { Tooltip, Typography } from "antd";
import { useMe } from "../../auth/use-me";
import { useI18n } from "../../i18n/i18n-context";
import { type ComplaintRow, complainantLabel } from "./complaint-view";

/**
 * The complainant as this viewer may see it (complainantLabel): masked, or a secondary word
 * (已隐藏 / 匿名 / 街道留存, the last saying where the complainant is kept).
 */
export function ComplainantText(props: {
  row: Pick<ComplaintRow, "complainant" | "complainantHidden" | "siteId" | "anonymous">;
}) {
  const { t } = useI18n();
  const l = complainantLabel(props.row, useMe().data?.node);
  if ("text" in l) return <>{l.text}</>;
  const word = <Typography.Text type="secondary">{t(l.key)}</Typography.Text>;
  return l.hint ? <Tooltip title={t(l.hint)}>{word}</Tooltip> : word;
}
