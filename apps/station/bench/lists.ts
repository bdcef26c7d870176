import { createHmac } from "node:crypto";
import { type CaseFilter, countByStatus, listCases, openDb } from "@bangban/db";
import { type CaseStatus, localDateOf, maskName } from "@bangban/domain";
import type { HttpClient } from "@bangban/http/testing";
import { DEV_ID_HASH_KEY } from "../src/env";
import { STATION_CACHE_KIB } from "../src/services";
import { round, summarize } from "./measure";
import type { Results } from "./results";
import type { PlannedCase } from "./workload";

const LIST_TARGET_MS = 50;

/** A `cases.list` input as the UI sends it (the router's defaults: due order, 50 a page). */
interface ListInput {
  statuses?: CaseStatus[];
  itemCode?: string;
  colour?: "green" | "yellow" | "red" | "none";
  applicantName?: string;
  idNumber?: string;
  /** Why a full ID number is searched: the API refuses (and audits) a search without one. */
  purpose?: { kind: "business" | "verify_identity" | "complaint" | "other" };
  open?: boolean;
  orderBy?: "due" | "updated" | "submitted";
}

/** The same filter `cases.list` builds from `input` at a station (the bench runs the dev key). */
function filterOf(input: ListInput, site: string, today: string): CaseFilter {
  return {
    siteIds: [site],
    statuses: input.statuses,
    itemCode: input.itemCode,
    colour: input.colour,
    today,
    applicantNameMasked: input.applicantName ? maskName(input.applicantName) : undefined,
    applicantIdHash: input.idNumber
      ? createHmac("sha256", DEV_ID_HASH_KEY).update(input.idNumber).digest("hex")
      : undefined,
    open: input.open,
    orderBy: input.orderBy ?? "due",
    limit: 50,
  };
}

function listsToTime(sample: PlannedCase[]): [string, string, ListInput][] {
  const a = sample[0] as PlannedCase;
  const b = sample[1] as PlannedCase;
  return [
    ["list-status", "status ACCEPTED", { statuses: ["ACCEPTED"] }],
    [
      "list-status-queue",
      "statuses SUBMITTED + NEEDS_CORRECTION",
      { statuses: ["SUBMITTED", "NEEDS_CORRECTION"] },
    ],
    ["list-item", `item ${a.item.code}`, { itemCode: a.item.code }],
    [
      "search-name",
      `applicant name ${a.applicant.name} (masked ${maskName(a.applicant.name)})`,
      { applicantName: a.applicant.name },
    ],
    [
      "search-id",
      "ID number (hash)",
      // A helper looking up the resident in front of them: 办理业务.
      { idNumber: b.applicant.idNumber, purpose: { kind: "business" } },
    ],
    ["list-colour", "colour green", { colour: "green" }],
    ["list-due", "first page by due date", {}],
    ["list-open-updated", "open cases, newest first", { open: true, orderBy: "updated" }],
  ];
}

async function timed<T>(n: number, fn: () => Promise<T>): Promise<{ ms: number[]; last: T }> {
  await fn();
  await fn(); // warm: the first calls pay for statement preparation and page cache
  const ms: number[] = [];
  let last = await fn();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms, last };
}

export interface ListBench {
  client: HttpClient;
  dbUrl: string;
  site: string;
  sample: PlannedCase[];
  repeats: number;
}

/**
 * Times each list/search call over HTTP (what the UI waits for; compared to the target at
 * p95) and, for the note, listCases straight on the database file from this process, on a
 * connection with the station's page cache (a larger one would make the query look cheaper
 * than the station's own).
 */
export async function timeLists(
  { client, dbUrl, site, sample, repeats }: ListBench,
  results: Results,
) {
  const db = await openDb(dbUrl, { cacheKib: STATION_CACHE_KIB });
  try {
    for (const [name, label, input] of listsToTime(sample)) {
      const http = await timed(repeats, () =>
        client.call<{ total: number }>("cases.list", input, "query"),
      );
      if (http.last.status !== 200) throw new Error(`cases.list ${label}: ${http.last.status}`);
      const today = localDateOf(new Date().toISOString());
      const direct = await timed(repeats, () => listCases(db, filterOf(input, site, today)));
      const h = summarize(http.ms);
      const d = summarize(direct.ms);
      results.add(
        name,
        "ms",
        h.p95,
        LIST_TARGET_MS,
        `cases.list by ${label}: p95 of ${repeats} HTTP calls compared with the target; p50 ${round(h.p50)} ms; ${http.last.data?.total} matching, 50 a page; listCases on the db file p50 ${round(d.p50)} / p95 ${round(d.p95)} ms`,
      );
    }
  } finally {
    await db.close();
  }
}

/** How many cases are in each status (those with any), read from the database file. */
export async function statusMix(dbUrl: string): Promise<string> {
  const db = await openDb(dbUrl);
  try {
    const counts = await countByStatus(db);
    return Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${s} ${n}`)
      .join(", ");
  } finally {
    await db.close();
  }
}
