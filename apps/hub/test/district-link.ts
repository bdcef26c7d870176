import type { DistrictLink } from "@bangban/db";
import { afterEach, beforeEach } from "vitest";
import { createUpstream, enrolWithDistrict, type UpstreamDeps } from "../src/upstream";
import { type HubHarness, hubHarness } from "./harness";

/** Requests to the district's HTTP app, in process. */
export const toApp = (h: HubHarness) => (u: string, i: RequestInit) =>
  Promise.resolve(h.app.request(u, i));

/**
 * Two in-process hubs, a district and a street, with the street linked to it: a code from the
 * district's admin for the street (its own site: `CENTER` unless the harness names another),
 * redeemed by the street. Throws on a refused code.
 */
export async function enrolStreet(district: HubHarness, street: HubHarness) {
  const site = street.services.site.id;
  const admin = await district.as("admin");
  const made = await admin.mutate<{ code: string }>("admin.enrolment.createCode", {
    siteId: site,
  });
  if (made.status !== 200)
    throw new Error(`createCode: ${made.status} ${JSON.stringify(made.error)}`);
  const { db, actorId } = street.services;
  return enrolWithDistrict(
    { db, actorId, site, fetch: toApp(district) },
    "http://district.test",
    made.data?.code as string,
  );
}

/** The street's loop up to the district, over the district's app (`extra`: e.g. `bulkFrom`). */
export function upstreamOf(
  district: HubHarness,
  street: HubHarness,
  link: DistrictLink,
  extra: Partial<UpstreamDeps> = {},
) {
  return createUpstream(
    {
      db: street.services.db,
      repo: street.services.repo,
      site: street.services.site.id,
      actorId: street.services.actorId,
      clock: street.services.clock,
      intervalMs: 60_000,
      pushBatch: 2000,
      onCalendar: () => undefined,
      fetch: toApp(district),
      ...extra,
    },
    link,
  );
}

/**
 * A district (330106) and a street (北山), in process on their own libSQL files, made afresh
 * for each test of the calling `describe` and closed after it.
 */
export function districtAndStreet(): {
  readonly district: HubHarness;
  readonly street: HubHarness;
} {
  const pair = {} as { district: HubHarness; street: HubHarness };
  beforeEach(async () => {
    pair.district = await hubHarness(undefined, "330106");
    pair.street = await hubHarness();
  });
  afterEach(async () => {
    await pair.street.close();
    await pair.district.close();
  });
  return pair;
}
