import { Result, Spin } from "antd";
import { Navigate, useLocation } from "react-router";
import { AppLayout } from "../components/app-layout";
import { ErrorAlert } from "../components/error-alert";
import { useI18n } from "../i18n/i18n-context";
import { LockScreen } from "./lock-screen";
import { useMe } from "./use-me";

/** Signed-in screens: the layout when someone is signed in, otherwise the sign-in screen. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  const { t } = useI18n();
  if (me.isPending)
    return (
      <div style={{ display: "grid", placeItems: "center", minHeight: "100vh" }}>
        <Spin size="large" description={t("common.loading")} />
      </div>
    );
  if (me.isError)
    return (
      <Result status="warning" title={t("app.unreachable")}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Result>
    );
  const user = me.data.user;
  if (!user) {
    const from = location.pathname + location.search;
    return <Navigate to={`/login?from=${encodeURIComponent(from)}`} replace />;
  }
  // Idle-locked: nothing of the app is shown (nor fetched) until the PIN or password.
  if (user.locked) return <LockScreen user={user} />;
  return <AppLayout me={me.data} user={user} />;
}
