import { Navigate, Route, Routes } from "react-router";
import { homeFor } from "./auth/menu";
import { RequireAuth } from "./auth/require-auth";
import { RequireRole } from "./auth/require-role";
import { useMe } from "./auth/use-me";
import { CasePage } from "./pages/case/case-page";
import { CasesPage } from "./pages/cases/cases-page";
import { ComingPage } from "./pages/coming-page";
import { IntakePage } from "./pages/intake/intake-page";
import { LoginPage } from "./pages/login/login-page";
import { NotFoundPage } from "./pages/not-found-page";
import { RatePage } from "./pages/rate/rate-page";
import { TodayPage } from "./pages/today/today-page";

const STATION_STAFF = ["helper", "station_lead"] as const;
const CASE_READERS = [
  "helper",
  "station_lead",
  "front_desk",
  "reviewer",
  "approver",
  "center_lead",
  "district_admin",
] as const;

function Home() {
  const me = useMe();
  const user = me.data?.user;
  if (!user || !me.data) return null;
  return <Navigate to={homeFor(user.role, me.data.node.role)} replace />;
}

/**
 * Public screens (sign-in, the resident's rating screen) and the signed-in ones. Back-office
 * and administrator screens arrive with the hub; their menu entries already lead somewhere.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/rate/:token" element={<RatePage />} />
      <Route element={<RequireAuth />}>
        <Route index element={<Home />} />
        <Route
          path="today"
          element={
            <RequireRole roles={STATION_STAFF}>
              <TodayPage />
            </RequireRole>
          }
        />
        <Route
          path="intake"
          element={
            <RequireRole roles={STATION_STAFF}>
              <IntakePage />
            </RequireRole>
          }
        />
        <Route
          path="cases"
          element={
            <RequireRole roles={STATION_STAFF}>
              <CasesPage />
            </RequireRole>
          }
        />
        <Route
          path="cases/:caseId"
          element={
            <RequireRole roles={CASE_READERS}>
              <CasePage />
            </RequireRole>
          }
        />
        <Route path="review/*" element={<ComingPage />} />
        <Route path="dashboard/*" element={<ComingPage />} />
        <Route path="catalog/*" element={<ComingPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
