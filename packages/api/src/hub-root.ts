import { absencesRouter } from "./router/absences";
import { adminCalendarRouter } from "./router/admin/calendar";
import { adminCatalogRouter } from "./router/admin/catalog";
import { dashboardRouter } from "./router/admin/dashboard";
import { adminEnrolmentRouter } from "./router/admin/enrolment";
import { publicRouter } from "./router/admin/public";
import { adminSitesRouter } from "./router/admin/sites";
import { adminUsersRouter } from "./router/admin/users";
import { auditRouter } from "./router/audit";
import { authRouter } from "./router/auth";
import { casesRouter } from "./router/cases";
import { catalogRouter } from "./router/catalog";
import { complaintsRouter } from "./router/complaints";
import { districtRouter } from "./router/district";
import { inboxRouter } from "./router/inbox";
import { printRouter } from "./router/print";
import { ratingRouter } from "./router/rating";
import { rectifyRouter } from "./router/rectify";
import { remindersRouter } from "./router/reminders";
import { reportsRouter } from "./router/reports";
import { residentsRouter } from "./router/residents";
import { sitesRouter } from "./router/sites";
import { smsRouter } from "./router/sms";
import { syncRouter } from "./router/sync";
import { systemRouter } from "./router/system";
import { createTRPCRouter } from "./trpc";

/**
 * The hub's router: everything the station's has (the back office works cases the same way;
 * `cases.list` with scope "all" spans every site), the stations' sync, administration, the
 * dashboard and the public progress query.
 */
export const hubRouter = createTRPCRouter({
  auth: authRouter,
  absences: absencesRouter,
  audit: auditRouter,
  cases: casesRouter,
  inbox: inboxRouter,
  catalog: catalogRouter,
  complaints: complaintsRouter,
  residents: residentsRouter,
  print: printRouter,
  rating: ratingRouter,
  /** 差评整改 and the 差评台账 (DOMAIN.md §5). */
  rectify: rectifyRouter,
  reminders: remindersRouter,
  sites: sitesRouter,
  sms: smsRouter,
  system: systemRouter,
  /** The stations' sync loop (bearer credential, not a session). */
  sync: syncRouter,
  admin: {
    sites: adminSitesRouter,
    users: adminUsersRouter,
    catalog: adminCatalogRouter,
    calendar: adminCalendarRouter,
    enrolment: adminEnrolmentRouter,
  },
  dashboard: dashboardRouter,
  /** 区级汇总: the district node's figures across streets (a district node only). */
  district: districtRouter,
  public: publicRouter,
  reports: reportsRouter,
});

export type HubRouter = typeof hubRouter;
