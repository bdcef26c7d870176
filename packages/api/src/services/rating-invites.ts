import { randomBytes } from "node:crypto";

/**
 * One-time invitations for the resident-facing rating screen. The helper opens one for a
 * case; the resident rates on their own screen with the token, so the helper never types a
 * rating into the case form. Tokens live ten minutes and work once.
 */
export class RatingInvites {
  private invites = new Map<string, { caseId: string; siteId: string; expires: number }>();

  constructor(private readonly ttlMs = 10 * 60_000) {}

  open(caseId: string, siteId: string, now: number): string {
    this.sweep(now);
    const token = randomBytes(18).toString("base64url");
    this.invites.set(token, { caseId, siteId, expires: now + this.ttlMs });
    return token;
  }

  peek(token: string, now: number): { caseId: string; siteId: string } | null {
    const i = this.invites.get(token);
    if (!i || i.expires < now) return null;
    return { caseId: i.caseId, siteId: i.siteId };
  }

  consume(token: string, now: number): { caseId: string; siteId: string } | null {
    const i = this.peek(token, now);
    this.invites.delete(token);
    return i;
  }

  private sweep(now: number): void {
    for (const [t, i] of this.invites) if (i.expires < now) this.invites.delete(t);
  }
}
