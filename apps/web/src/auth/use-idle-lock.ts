import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { pathFilter } from "../api/keys";
import { api } from "../api/trpc";
import { ACTIVITY_EVENTS, IDLE_CHECK_MS, idleExpired } from "./idle-lock";

/**
 * Locks the screen after `minutes` without a key, click or touch: tells the server (which
 * then refuses the session too), and re-reads who is signed in, which shows the lock screen.
 */
export function useIdleLock(minutes: number, enabled: boolean) {
  const client = useQueryClient();
  const last = useRef(Date.now());
  useEffect(() => {
    if (!enabled) return;
    last.current = Date.now();
    const seen = () => {
      last.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, seen, { passive: true });
    const timer = window.setInterval(() => {
      if (!idleExpired(last.current, Date.now(), minutes)) return;
      window.clearInterval(timer);
      void api.auth.lock
        .mutate()
        .catch(() => undefined) // the server locks an idle session on its own anyway
        .finally(() => void client.invalidateQueries(pathFilter("auth.me")));
    }, IDLE_CHECK_MS);
    return () => {
      window.clearInterval(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, seen);
    };
  }, [minutes, enabled, client]);
}
