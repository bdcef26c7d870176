import { Result } from "antd";
import { useI18n } from "../i18n/i18n-context";

/** Back-office and administrator screens come with the hub; the menu already leads here. */
export function ComingPage() {
  const { t } = useI18n();
  return <Result status="info" title={t("coming.title")} subTitle={t("coming.hint")} />;
}
