import { Alert } from "antd";
import { useI18n } from "../../i18n/i18n-context";
import { type CatalogEditing, catalogNote } from "./local-items";

/**
 * Above the 事项管理 screens of a street enrolled with its district: the district's 清单 is
 * read-only here, and where the district allows, the street's own local items are not.
 */
export function CatalogOwnerNote({ editing }: { editing: CatalogEditing | undefined }) {
  const { t } = useI18n();
  const note = catalogNote(editing);
  if (!note) return null;
  const text =
    note === "localAllowed"
      ? t("localItems.note.allowed", { prefix: editing?.localPrefix ?? "" })
      : t("localItems.note.districtOnly");
  return <Alert type="info" showIcon title={text} style={{ marginBottom: 12 }} />;
}
