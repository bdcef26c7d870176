import { Alert } from "antd";
import { useMe } from "../auth/use-me";
import { useI18n } from "../i18n/i18n-context";

/**
 * Whether this node's 事项清单, sites and calendar belong to its district (a street hub enrolled
 * with one: DESIGN.md, who owns what). Their screens read it and become read-only: no save,
 * add, edit or delete, since the server refuses them.
 */
export function useDistrictManaged(): boolean {
  return useMe().data?.node.districtManaged === true;
}

/** Above those screens on a linked street: read-only here, and where the edits are made. */
export function DistrictManagedNote() {
  const { t } = useI18n();
  if (!useDistrictManaged()) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="district-managed"
      title={t("district.managed")}
      style={{ marginBottom: 12 }}
    />
  );
}
