import type { Role } from "@bangban/domain";
import { Result } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n-context";
import { useMe } from "./use-me";

/** A screen only these roles use; the server checks every call again. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  const { t } = useI18n();
  const role = me.data?.user?.role;
  if (!role || !roles.includes(role))
    return <Result status="403" title={t("app.noAccess")} subTitle={t("app.noAccessHint")} />;
  return <>{children}</>;
}
