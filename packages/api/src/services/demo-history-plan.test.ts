import { DEMO_SITES } from "@bangban/db";
import { WorkCalendar } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import { type CasePlan, demoStreet, planHistory } from "./demo-history-plan";

const NOW = new Date("2026-12-04T07:30:00.000Z");
const calendar = new WorkCalendar();
const STREET_2_SITES = [DEMO_SITES.center2, DEMO_SITES.stationC];

/** Every site a plan's cases name: where taken in, sent, picked up, and where each actor was. */
function sitesNamed(plans: readonly CasePlan[]): Set<string> {
  const out = new Set<string>();
  for (const p of plans) {
    out.add(p.originSiteId);
    for (const e of p.events) {
      out.add(e.actor.siteId);
      const payload = e.payload as { toSiteId?: string; pickupSiteId?: string };
      if (payload.toSiteId) out.add(payload.toSiteId);
      if (payload.pickupSiteId) out.add(payload.pickupSiteId);
    }
  }
  return out;
}

describe("the demo history of each street", () => {
  it("北山's plan is the default one", () => {
    expect(planHistory({ calendar, now: NOW, street: DEMO_SITES.center })).toEqual(
      planHistory({ calendar, now: NOW }),
    );
  });

  it("西溪's plan names only 西溪's own sites and people", () => {
    const plans = planHistory({ calendar, now: NOW, street: DEMO_SITES.center2 });
    expect(plans.length).toBeGreaterThan(40);
    expect(sitesNamed(plans)).toEqual(new Set(STREET_2_SITES));
    const people = new Set(plans.flatMap((p) => p.events.map((e) => e.actor.userId)));
    expect(people).toEqual(
      new Set(["u-xuting", "u-machao", "u-guomin", "u-linfang", "u-hewei", "resident"]),
    );
    // One station: nothing is transferred or picked up elsewhere.
    expect(plans.flatMap((p) => p.events).some((e) => e.type === "transfer")).toBe(false);
  });

  it("西溪 is smaller than 北山, rated less often, and the same on every run", () => {
    const one = planHistory({ calendar, now: NOW });
    const two = planHistory({ calendar, now: NOW, street: DEMO_SITES.center2 });
    expect(two.length).toBeLessThan(one.length / 2);
    const completedRated = (plans: CasePlan[]) => {
      const done = plans.filter((p) => p.events.some((e) => e.type === "complete"));
      return done.filter((p) => p.events.some((e) => e.type === "rate")).length / done.length;
    };
    expect(completedRated(two)).toBeLessThan(completedRated(one));
    expect(planHistory({ calendar, now: NOW, street: DEMO_SITES.center2 })).toEqual(two);
  });

  it("refuses a street the demo does not have, naming it", () => {
    expect(() => demoStreet("330106003")).toThrow(/no demo history for 330106003/);
    expect(() => planHistory({ calendar, now: NOW, street: DEMO_SITES.district })).toThrow(
      /no demo history for 330106:/,
    );
  });
});
