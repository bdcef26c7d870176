import { READERS, type Role } from "@bangban/domain";
import { Skeleton } from "antd";
import { lazy, type ReactNode, Suspense } from "react";
import { Navigate, Route, Routes, useSearchParams } from "react-router";
import {
  ABSENCE_ROLES,
  ADMIN_ROLES,
  AUDIT_ROLES,
  COMPLAINT_ROLES,
  CONFLICT_ROLES,
  DESK_ROLES,
  DISTRICT_ROLES,
  homeFor,
  QUEUE_ROLES,
  RECTIFY_LEDGER_ROLES,
  REPORT_ROLES,
  SMS_LOG_ROLES,
  STATION_STAFF,
} from "./auth/menu";
import { RequireAuth } from "./auth/require-auth";
import { RequireRole } from "./auth/require-role";
import { useMe } from "./auth/use-me";
import { AbsencesPage } from "./pages/absences/absences-page";
import { CalendarPage } from "./pages/admin/calendar-page";
import { EnrolmentPage } from "./pages/admin/enrolment-page";
import { SitesPage } from "./pages/admin/sites-page";
import { UsersPage } from "./pages/admin/users-page";
import { AuditPage } from "./pages/audit/audit-page";
import { CasePage } from "./pages/case/case-page";
import { CasesPage } from "./pages/cases/cases-page";
import { CatalogEditPage } from "./pages/catalog/catalog-edit-page";
import { CatalogPage } from "./pages/catalog/catalog-page";
import { ComplaintPage } from "./pages/complaints/complaint-page";
import { ComplaintsPage } from "./pages/complaints/complaints-page";
import { DeskBoardPage } from "./pages/complaints/desk-board-page";
import { ConflictsPage } from "./pages/conflicts/conflicts-page";
import { EnrolPage } from "./pages/enrol/enrol-page";
import { InboxPage } from "./pages/inbox/inbox-page";
import { IntakePage } from "./pages/intake/intake-page";
import { LoginPage } from "./pages/login/login-page";
import { NotFoundPage } from "./pages/not-found-page";
import { EvaluatePage } from "./pages/public/evaluate-page";
import { GuideListPage } from "./pages/public/guide-list-page";
import { GuidePage } from "./pages/public/guide-page";
import { ProgressPage } from "./pages/public/progress-page";
import { PublicLayout } from "./pages/public/public-layout";
import { RatePage } from "./pages/rate/rate-page";
import { LedgerPage } from "./pages/rectify/ledger-page";
import { RemindersPage } from "./pages/reminders/reminders-page";
import { QueuePage } from "./pages/review/queue-page";
import { SmsLogPage } from "./pages/sms-log/sms-log-page";
import { TodayPage } from "./pages/today/today-page";

// ECharts is large: only the dashboard's users load it.
const DashboardPage = lazy(() =>
  import("./pages/dashboard/dashboard-page").then((m) => ({ default: m.DashboardPage })),
);

// 区级汇总 draws the radar too: loaded only by the district's administrators.
const DistrictPage = lazy(() =>
  import("./pages/district/district-page").then((m) => ({ default: m.DistrictPage })),
);

// The monthly report draws the dashboard's radar: loaded only when opened, like the dashboard.
const MonthlyReportPage = lazy(() =>
  import("./pages/report/monthly-report-page").then((m) => ({ default: m.MonthlyReportPage })),
);

function Home() {
  const me = useMe();
  const user = me.data?.user;
  if (!user || !me.data) return null;
  return <Navigate to={homeFor(user.role, me.data.node.role, me.data.node.siteKind)} replace />;
}

/** The receipt's QR code points at `/progress?no=…`: the public progress query. */
function ProgressRedirect() {
  const [params] = useSearchParams();
  const q = params.toString();
  return <Navigate to={`/public/progress${q ? `?${q}` : ""}`} replace />;
}

/** The rating QR code on the receipt and the 送达回证 points at `/evaluate?no=…`. */
function EvaluateRedirect() {
  const [params] = useSearchParams();
  const q = params.toString();
  return <Navigate to={`/public/evaluate${q ? `?${q}` : ""}`} replace />;
}

/**
 * Public screens (sign-in, a station's first run, the resident's rating screen, the 办事指南
 * and the progress query) and the signed-in ones, each for the roles that use it.
 */
export function AppRoutes() {
  const only = (roles: readonly Role[], page: ReactNode) => (
    <RequireRole roles={roles}>{page}</RequireRole>
  );
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/enrol" element={<EnrolPage />} />
      <Route path="/rate/:token" element={<RatePage />} />
      <Route path="/progress" element={<ProgressRedirect />} />
      <Route path="/evaluate" element={<EvaluateRedirect />} />
      <Route path="/public" element={<PublicLayout />}>
        <Route index element={<GuideListPage />} />
        <Route path="items/:code" element={<GuidePage />} />
        <Route path="progress" element={<ProgressPage />} />
        <Route path="evaluate" element={<EvaluatePage />} />
      </Route>
      <Route element={<RequireAuth />}>
        <Route index element={<Home />} />
        <Route path="today" element={only(STATION_STAFF, <TodayPage />)} />
        <Route path="inbox" element={only(STATION_STAFF, <InboxPage />)} />
        <Route path="intake" element={only(STATION_STAFF, <IntakePage />)} />
        <Route path="cases" element={only(STATION_STAFF, <CasesPage />)} />
        <Route path="cases/:caseId" element={only(READERS, <CasePage />)} />
        <Route path="review" element={only(QUEUE_ROLES, <QueuePage />)} />
        <Route path="conflicts" element={only(CONFLICT_ROLES, <ConflictsPage />)} />
        <Route path="absences" element={only(ABSENCE_ROLES, <AbsencesPage />)} />
        <Route
          path="dashboard"
          element={only(
            ADMIN_ROLES,
            <Suspense fallback={<Skeleton active paragraph={{ rows: 12 }} />}>
              <DashboardPage />
            </Suspense>,
          )}
        />
        <Route
          path="district"
          element={only(
            DISTRICT_ROLES,
            <Suspense fallback={<Skeleton active paragraph={{ rows: 12 }} />}>
              <DistrictPage />
            </Suspense>,
          )}
        />
        <Route
          path="report/monthly"
          element={only(
            REPORT_ROLES,
            <Suspense fallback={<Skeleton active paragraph={{ rows: 12 }} />}>
              <MonthlyReportPage />
            </Suspense>,
          )}
        />
        <Route path="catalog" element={only(ADMIN_ROLES, <CatalogPage />)} />
        <Route path="catalog/:code" element={only(ADMIN_ROLES, <CatalogEditPage />)} />
        <Route path="sites" element={only(ADMIN_ROLES, <SitesPage />)} />
        <Route path="users" element={only(ADMIN_ROLES, <UsersPage />)} />
        <Route path="enrolment" element={only(ADMIN_ROLES, <EnrolmentPage />)} />
        <Route path="reminders" element={only(READERS, <RemindersPage />)} />
        <Route path="sms-log" element={only(SMS_LOG_ROLES, <SmsLogPage />)} />
        <Route path="audit" element={only(AUDIT_ROLES, <AuditPage />)} />
        <Route path="calendar" element={only(ADMIN_ROLES, <CalendarPage />)} />
        <Route path="rectify" element={only(RECTIFY_LEDGER_ROLES, <LedgerPage />)} />
        <Route path="complaints" element={only(COMPLAINT_ROLES, <ComplaintsPage />)} />
        <Route path="complaints/:id" element={only(COMPLAINT_ROLES, <ComplaintPage />)} />
        <Route path="desk" element={only(DESK_ROLES, <DeskBoardPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
