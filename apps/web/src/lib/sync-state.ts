import type { Health } from "../api/health";

export interface SyncState {
  kind: "online" | "pending" | "offline" | "checking";
  /** Changes not yet acknowledged by the hub. */
  pending: number;
}

/** What the indicator shows, from the browser's network flag and the last /healthz answer. */
export function syncState(input: {
  browserOnline: boolean;
  reachable: boolean;
  checking: boolean;
  health: Health | null;
}): SyncState {
  const pending = input.health?.pendingSync ?? 0;
  if (!input.browserOnline) return { kind: "offline", pending };
  if (input.checking && !input.health) return { kind: "checking", pending: 0 };
  if (!input.reachable || !input.health?.ok) return { kind: "offline", pending };
  return pending > 0 ? { kind: "pending", pending } : { kind: "online", pending: 0 };
}
