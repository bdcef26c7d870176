import { actors, SITES } from "../case/fixtures";
import type { Actor } from "../case/types";
import type { ComplaintEvent, RegisterPayload } from "./journal";

/** A complaint about station A's helper, registered at station A's desk (tests). */
export const complaintAboutHelperA: Extract<RegisterPayload, { kind: "complaint" }> = {
  kind: "complaint",
  channel: "cant_get_it_done_desk",
  target: { siteId: SITES.stationA, staffId: actors.helperA.userId },
  content: "窗口推诿，材料被退回三次",
  written: true,
  complexity: "complex",
};

type Body = Omit<ComplaintEvent, "id" | "at" | "actor">;

/** Builds a complaint journal event by event, with ids and times that increase. */
export class ComplaintJournal {
  readonly events: ComplaintEvent[] = [];
  private n = 0;

  constructor(
    readonly complaintId = "cp-01",
    private day = "2026-10-08",
  ) {}

  /** Later events fall on this day (local, 10:00 in China). */
  on(day: string): this {
    this.day = day;
    return this;
  }

  add(body: Body, actor: Actor): ComplaintEvent {
    this.n++;
    const e = {
      ...body,
      id: `${this.complaintId}-e${String(this.n).padStart(2, "0")}`,
      at: `${this.day}T02:00:0${this.n % 10}.000Z`,
      actor,
    } as ComplaintEvent;
    this.events.push(e);
    return e;
  }

  register(payload: RegisterPayload = complaintAboutHelperA, actor: Actor = actors.helperA) {
    return this.add({ type: "register", payload }, actor);
  }
}
