import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type CaseEvent, defaultRules, WorkCalendar } from "@bangban/domain";
import { type CaseProjection, type CaseRecord, projectCase } from "@bangban/sync";
import { type Db, type OpenDbOptions, openDb } from "./client";

/** A database in a fresh temp directory, for tests. `cleanup` closes it and removes the directory. */
export interface TempDb {
  db: Db;
  url: string;
  /** Opens the same file again (a restart); the caller closes what it gets. */
  reopen(): Promise<Db>;
  cleanup(): Promise<void>;
}

/**
 * A fresh node database for a test: a file, or, in the "remote" test project, the same through
 * a libSQL server on 127.0.0.1 (testing-remote.ts), so every store and query test of this
 * package also runs the way a node with BANGBAN_DB=http(s)://… or libsql://… runs it.
 */
export async function tempDb(name = "node.db"): Promise<TempDb> {
  if (remoteTestDb()) {
    return (await import("./testing-remote")).remoteTempDb();
  }
  return fileTempDb(name);
}

/** True in the test run whose databases are served by a libSQL server (vitest.config.ts). */
export function remoteTestDb(): boolean {
  return process.env.BANGBAN_TEST_DB === "remote";
}

/** Always a file, whatever BANGBAN_TEST_DB says. */
export async function fileTempDb(name = "node.db", opts: OpenDbOptions = {}): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), "bangban-db-"));
  const url = pathToFileURL(join(dir, name)).href;
  const db = await openDb(url, opts);
  const opened: Db[] = [db];
  return {
    db,
    url,
    reopen: async () => {
      const again = await openDb(url, opts);
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      await Promise.all(opened.map((d) => d.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A complete projection with plausible values, for tests that only care about a few fields. */
export function projectionFixture(n: number, over: Partial<CaseProjection> = {}): CaseProjection {
  const id = String(n).padStart(6, "0");
  return {
    caseId: `01KTEST${id}`,
    caseNumber: `330106001001-20261102-${id}`,
    itemCode: "MZ-GF-001",
    itemName: "高龄津贴申领",
    itemVersion: 1,
    status: "ACCEPTED",
    stage: null,
    deferred: false,
    outstandingDeferred: 0,
    originSiteId: "330106001001",
    handlingSiteId: "330106001000",
    pickupSiteId: null,
    firstResponderId: "u-helper-a",
    assigneeId: null,
    applicantNameMasked: "王*英",
    applicantIdMasked: "110105********002X",
    applicantIdHash: `h:${id}`,
    phoneMasked: "138****5678",
    phoneLast4: "5678",
    submittedAt: "2026-11-02T09:00:00+08:00",
    acceptedAt: "2026-11-02T09:30:00+08:00",
    decidedAt: null,
    completedAt: null,
    closedAt: null,
    dueOn: "2026-11-30",
    yellowFrom: "2026-11-26",
    paused: false,
    frozenColour: null,
    onTime: null,
    legalDueOn: null,
    legalOnTime: null,
    calendarUncertain: false,
    conflict: false,
    ratingLevel: null,
    completedSiteId: null,
    ratedSiteId: null,
    ratingChannels: null,
    promiseDueOn: null,
    nextRuleOn: null,
    forwardDueOn: null,
    ruleState: null,
    rectifySiteId: null,
    rectifyState: null,
    rectifyLevel: null,
    rectifyRatedOn: null,
    rectifyOpen: 0,
    rectifyDueOn: null,
    rectifyBad: 0,
    rectifyClosed: 0,
    rectifyRealName: 0,
    rectifyCalledBack: 0,
    ratingExcluded: false,
    eventCount: 2,
    updatedAt: "2026-11-02T09:30:00+08:00",
    ...over,
  };
}

let journalSerial = 0;

/**
 * The projection of a case with this real journal, as every node projects it (`today` is the
 * projection day). For queries whose figures depend on what the journal says.
 */
export function projectJournal(events: CaseEvent[], today = "2026-11-30"): CaseProjection {
  journalSerial += 1;
  const n = String(journalSerial).padStart(6, "0");
  const record: CaseRecord = {
    caseId: `01KJOURNAL${n.padStart(16, "0")}`,
    caseNumber: `${events[0]?.actor.siteId ?? "330106001001"}-20261102-${n}`,
    createdAt: events[0]?.at ?? "",
    applicant: {
      name: "王秀英",
      idNumber: "11010519491231002X",
      phone: "13812345678",
      address: "西湖区文一路1号",
    },
    agent: null,
    attachments: [],
    remarks: "",
    journal: events,
  };
  return projectCase(record, {
    calendar: new WorkCalendar(),
    rules: defaultRules,
    today,
    hashIdNumber: (id) => `h:${id}`,
  });
}
