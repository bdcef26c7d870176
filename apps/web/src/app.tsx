import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useEffect, useState } from "react";
import { BrowserRouter } from "react-router";
import { createQueryClient } from "./api/query-client";
import { I18nProvider, useI18n } from "./i18n/i18n-context";
import { AppRoutes } from "./routes";

const theme = {
  token: {
    colorPrimary: "#c0392b",
    fontSize: 15,
    fontFamily:
      "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

/** antd and dayjs follow the language switch. */
function Localised() {
  const { lang, t } = useI18n();
  dayjs.locale(lang === "zh" ? "zh-cn" : "en");
  useEffect(() => {
    document.title = t("app.name");
  }, [t]);
  return (
    <ConfigProvider
      locale={lang === "zh" ? zhCN : enUS}
      theme={theme}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <AppRoutes />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <BrowserRouter>
          <Localised />
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  );
}
