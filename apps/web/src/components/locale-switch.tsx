import { Segmented } from "antd";
import { useI18n } from "../i18n/i18n-context";
import type { Lang } from "../i18n/lang";

/** 中文 / English; remembered on this browser. */
export function LocaleSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t("lang.switch")}
      value={lang}
      onChange={setLang}
      options={[
        { value: "zh", label: "中文" },
        { value: "en", label: "EN" },
      ]}
    />
  );
}
