import { Tag, Tooltip } from "antd";
import { useI18n } from "../i18n/i18n-context";
import { type CaseSyncState, caseSyncBadge } from "../lib/sync-state";

/** 已同步 / 待上传 beside a case at a station; nothing at the hub. */
export function CaseSyncTag({ state }: { state: CaseSyncState | undefined }) {
  const { t } = useI18n();
  const badge = caseSyncBadge(state);
  if (!badge) return null;
  return (
    <Tooltip title={t("sync.case.hint")}>
      <Tag color={badge.colour} data-testid="case-sync">
        {t(badge.key)}
      </Tag>
    </Tooltip>
  );
}
