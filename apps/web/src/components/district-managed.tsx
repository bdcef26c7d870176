import { Alert } from "antd";
import { useMe } from "../auth/use-me";
import { useI18n } from "../i18n/i18n-context";

/**
 * On a street hub enrolled with its district, the 事项清单, the sites and the calendar come from
 * the district (DESIGN.md, who owns what): said above their screens before anyone edits, so a
 * save the server refuses is never a surprise.
 */
export function DistrictManagedNote() {
  const { t } = useI18n();
  const me = useMe();
  if (!me.data?.node.districtManaged) return null;
  return (
    <Alert type="info" showIcon message={t("district.managed")} style={{ marginBottom: 12 }} />
  );
}
