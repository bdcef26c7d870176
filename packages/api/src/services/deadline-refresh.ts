import {
  badRatedUnrectifiedIdsAfter,
  CALENDAR_META,
  closedCaseIdsAfter,
  type Db,
  getMeta,
  openCaseIdsAfter,
  setMeta,
} from "@bangban/db";
import type { CaseRepo } from "@bangban/sync";

/** The calendar (and projection format) the open cases were last projected with. */
const PROJECTED_KEY = "deadlines:projectedWith";
/**
 * Bumped when the projection gains a field that cases should get at once, not at their next
 * write (2: the legal clock, legalDueOn / legalOnTime; 3: 差评整改, the rectification record;
 * 4: the `case_attachments` index, see INDEXED_KEY).
 */
const PROJECTION_FORMAT = 4;
/**
 * Set once every case, closed ones too, was projected with its attachment references
 * (`case_attachments`, migration 0010): blob sync and collection find a scan's cases there.
 */
const INDEXED_KEY = "case_attachments:indexed";

/** The calendar (and projection format) in force now, as a complete pass records it. */
async function calendarKey(db: Db): Promise<string> {
  return `${PROJECTION_FORMAT}:${(await getMeta(db, CALENDAR_META.overrides)) ?? ""}`;
}

/**
 * Records that every projection in `db` was written with the calendar in force now and with
 * the attachment index, so the node's next start has no pass to make: for a database whose
 * projections were all just computed under that calendar (a generated history; the bench's
 * street hubs, which would otherwise project 10,000 cases again each on every start).
 */
export async function markProjectionsCurrent(db: Db): Promise<void> {
  await setMeta(db, PROJECTED_KEY, await calendarKey(db));
  await setMeta(db, INDEXED_KEY, "1");
}

export interface DeadlineRefreshDeps {
  db: Db;
  repo: CaseRepo;
  /** Open cases re-projected per batch; the node serves requests between batches. */
  batchSize?: number;
  /** A background pass that failed (the next calendar change or start tries again). */
  onError?: (e: unknown) => void;
}

/**
 * 工作日调整 takes effect at once: when the working-day calendar changes (an administrator saves
 * the hub's override table, a station receives it from its hub), every open case is projected
 * again with it — due date, yellow day, colour inputs, legal due date — in batches, yielding
 * to requests between them. Passes asked for while one runs are folded into one more pass.
 * The calendar a complete pass used is recorded, so a pass cut short by a stop is redone at
 * the next start (`ensureCurrent`).
 */
export class DeadlineRefresh {
  private loop: Promise<number> | null = null;
  private pending = false;
  private stopped = false;
  private readonly batchSize: number;

  constructor(private readonly d: DeadlineRefreshDeps) {
    this.batchSize = d.batchSize ?? 200;
  }

  /**
   * Re-projects every open case with the calendar in force now. Resolves, with how many
   * cases the passes wrote, once no pass is running or asked for.
   */
  refresh(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.pending = true;
    if (!this.loop) {
      this.loop = this.drain().finally(() => {
        this.loop = null;
      });
    }
    return this.loop;
  }

  /** Starts a refresh without waiting for it; a failure goes to `onError`. */
  refreshInBackground(): void {
    this.refresh().catch((e) => this.d.onError?.(e));
  }

  /** Refreshes in the background if the open cases were projected with another calendar. */
  async ensureCurrent(): Promise<boolean> {
    const [now, projected] = await Promise.all([
      this.calendarKey(),
      getMeta(this.d.db, PROJECTED_KEY),
    ]);
    if (now === projected) return false;
    this.refreshInBackground();
    return true;
  }

  /** Resolves when no pass is running (tests wait for the work itself). */
  async idle(): Promise<void> {
    await this.loop?.catch(() => undefined);
  }

  /**
   * Ends a running pass after its current batch and refuses new ones (the node shuts down).
   * The cut pass is not recorded as complete, so the next start redoes it.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async drain(): Promise<number> {
    let written = 0;
    while (this.pending && !this.stopped) {
      this.pending = false;
      written += await this.pass();
    }
    return written;
  }

  private async pass(): Promise<number> {
    // Read before the pass: a calendar saved during it asks for another pass anyway.
    const key = await this.calendarKey();
    const open = await this.each(openCaseIdsAfter);
    // Closed cases too, where a 差评 has no rectification record in its projection (projected
    // before 差评整改 existed): the 差评台账 and 差评整改率 would miss them otherwise. Once
    // projected they carry the record, so this finds nothing on later passes.
    const rated = await this.each(badRatedUnrectifiedIdsAfter);
    // Closed cases once, for the attachment index (open ones were just projected above).
    const indexed = (await getMeta(this.d.db, INDEXED_KEY)) !== null;
    const closed = indexed ? 0 : await this.each(closedCaseIdsAfter);
    if (open === null || rated === null || closed === null)
      return (open ?? 0) + (rated ?? 0) + (closed ?? 0);
    if (!indexed) await setMeta(this.d.db, INDEXED_KEY, "1");
    await setMeta(this.d.db, PROJECTED_KEY, key);
    return open + rated + closed;
  }

  /** Re-projects the cases `page` lists, a batch at a time; null when stopped part-way. */
  private async each(
    page: (db: Db, after: string, limit: number) => Promise<string[]>,
  ): Promise<number | null> {
    let after = "";
    let written = 0;
    for (;;) {
      if (this.stopped) return null;
      const ids = await page(this.d.db, after, this.batchSize);
      if (ids.length === 0) return written;
      written += await this.d.repo.reproject(ids);
      after = ids[ids.length - 1] as string;
      // Let requests waiting on the event loop run between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private calendarKey(): Promise<string> {
    return calendarKey(this.d.db);
  }
}
