import type { StationRouter } from "@bangban/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

type Out = inferRouterOutputs<StationRouter>;
type In = inferRouterInputs<StationRouter>;

export type Me = Out["auth"]["me"];
export type SignedInUser = NonNullable<Me["user"]>;
export type PinUser = Out["auth"]["pinUsers"][number];
export type CaseDetail = Out["cases"]["get"];
export type CaseRow = Out["cases"]["list"]["rows"][number];
export type ListInput = In["cases"]["list"];
export type IntakeInput = In["cases"]["intake"];
export type CatalogItem = Out["catalog"]["list"][number];
export type Site = Out["sites"]["list"][number];
export type EarlierCases = Out["residents"]["lookup"];
export type RatingShow = Out["rating"]["show"];
export type DeadlineColour = CaseRow["colour"];
