import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

/** What `/healthz` reports; more fields will come with the hub's sync loop. */
export interface Health {
  ok: boolean;
  role: string;
  site: string;
  version: string;
  db: string;
  /** Changes this node holds that the hub has not acknowledged yet. */
  pendingSync: number;
}

export function parseHealth(body: unknown): Health | null {
  const o = body as Partial<Health> | null;
  if (typeof o !== "object" || o === null || typeof o.ok !== "boolean") return null;
  return {
    ok: o.ok,
    role: String(o.role ?? ""),
    site: String(o.site ?? ""),
    version: String(o.version ?? ""),
    db: String(o.db ?? ""),
    pendingSync: typeof o.pendingSync === "number" ? o.pendingSync : 0,
  };
}

async function fetchHealth(): Promise<Health> {
  const res = await fetch("/healthz", { cache: "no-store" });
  const health = parseHealth(await res.json().catch(() => null));
  if (!health) throw new Error(`healthz answered ${res.status}`);
  return health;
}

/** The browser's own view of the network, kept current by its online/offline events. */
export function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(() => globalThis.navigator?.onLine ?? true);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, []);
  return online;
}

export function useHealth() {
  return useQuery({
    queryKey: ["healthz"],
    queryFn: fetchHealth,
    refetchInterval: 10_000,
    retry: false,
    // Keep polling while offline: this is how the indicator notices the station coming back.
    networkMode: "always",
  });
}
