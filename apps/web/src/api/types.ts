import type { HubRouter } from "@bangban/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

type Out = inferRouterOutputs<HubRouter>;
type In = inferRouterInputs<HubRouter>;

export type Me = Out["auth"]["me"];
export type SignedInUser = NonNullable<Me["user"]>;
export type PinUser = Out["auth"]["pinUsers"][number];
export type CaseDetail = Out["cases"]["get"];
/** What a case command answers: the case as it now stands (cases.get adds the people's names). */
export type CaseCommandResult = Out["cases"]["approve"];
export type CaseRow = Out["cases"]["list"]["rows"][number];
export type ListInput = In["cases"]["list"];
export type IntakeInput = In["cases"]["intake"];
export type CatalogItem = Out["catalog"]["list"][number];
export type Site = Out["sites"]["list"][number];
export type EarlierCases = Out["residents"]["lookup"];
export type RatingShow = Out["rating"]["show"];
export type DeadlineColour = CaseRow["colour"];
export type SystemStatus = Out["system"]["status"];

// The hub's back office and administration.
export type CaseConflict = CaseDetail["conflicts"][number];
export type TimelineEvent = CaseDetail["timeline"][number];
/** 差评整改: one 差评's record on the case, and a row of the 差评台账. */
export type Rectification = CaseDetail["rectifications"][number];
export type LedgerRow = Out["rectify"]["ledger"]["rows"][number];
export type Figures = Out["dashboard"]["figures"];
export type FiguresInput = In["dashboard"]["figures"];
export type Freshness = Figures["freshness"][number];
export type CatalogList = Out["admin"]["catalog"]["list"];
export type CatalogEntry = CatalogList["items"][number];
export type AdminUser = Out["admin"]["users"]["list"][number];
export type UserCreateInput = In["admin"]["users"]["create"];
export type StationRow = Out["admin"]["enrolment"]["listStations"][number];
export type EnrolmentCode = Out["admin"]["enrolment"]["createCode"];
export type Progress = Out["public"]["progress"];
export type PublicRatingShow = Out["public"]["rating"]["show"];

// Reports (#15): per-staff figures and the monthly report.
export type StaffFigures = Out["reports"]["staff"];
export type StaffFigureRow = StaffFigures["rows"][number];
export type MonthlyReport = Out["reports"]["monthly"];

// 区级汇总 (#16): the district node's figures across streets.
export type DistrictFigures = Out["district"]["figures"];
export type DistrictStaff = Out["district"]["staff"];
export type DistrictRedCases = Out["district"]["redCases"];
export type DistrictRedCase = DistrictRedCases["rows"][number];
export type DistrictFreshness = Out["district"]["freshness"];
