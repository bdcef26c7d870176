import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fetchScan, ScanLoadError } from "./scan-fetch";
import type { Scan } from "./scan-order";

/** How often a scan not on this node yet is asked for again, while it is on screen. */
const NOT_SYNCED_RETRY_MS = 30_000;

/**
 * One scan's bytes, shared by its thumbnail and the viewer (one fetch per hash: the bytes of
 * a hash never change). A scan not synced yet is asked for again now and then, so it shows
 * by itself once it arrives.
 */
export function useScanBytes(scan: Pick<Scan, "hash" | "present">) {
  return useQuery({
    queryKey: ["scan", scan.hash],
    queryFn: () => fetchScan(scan),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
    retry: (n, e) => e instanceof ScanLoadError && e.problem === "error" && n < 2,
    refetchInterval: (q) =>
      q.state.error instanceof ScanLoadError && q.state.error.problem === "not_synced"
        ? NOT_SYNCED_RETRY_MS
        : false,
  });
}

/** An object URL for the blob while the component shows it; revoked when it goes. */
export function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url;
}
