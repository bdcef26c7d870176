import { absencesRouter } from "./router/absences";
import { auditRouter } from "./router/audit";
import { authRouter } from "./router/auth";
import { casesRouter } from "./router/cases";
import { catalogRouter } from "./router/catalog";
import { complaintsRouter } from "./router/complaints";
import { inboxRouter } from "./router/inbox";
import { printRouter } from "./router/print";
import { ratingRouter } from "./router/rating";
import { rectifyRouter } from "./router/rectify";
import { remindersRouter } from "./router/reminders";
import { reportsRouter } from "./router/reports";
import { residentsRouter } from "./router/residents";
import { sitesRouter } from "./router/sites";
import { smsRouter } from "./router/sms";
import { systemRouter } from "./router/system";
import { createTRPCRouter } from "./trpc";

/** The station's router: what its helpers' browsers call. */
export const stationRouter = createTRPCRouter({
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
  reports: reportsRouter,
});

export type StationRouter = typeof stationRouter;
