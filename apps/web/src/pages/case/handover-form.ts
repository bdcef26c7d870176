/** What the 办结 dialog holds, named as the station names the fields (`handover.collector.*`). */
export interface HandoverValues {
  handover?: {
    how?: "self" | "collector";
    collector?: { name?: string; idNumber?: string };
  };
}

/** `cases.complete`'s `handover`: 本人 has no collector; 代领 sends the name and ID as typed. */
export function toHandoverInput(v: HandoverValues) {
  const h = v.handover;
  if (h?.how !== "collector") return { how: "self" as const };
  return {
    how: "collector" as const,
    collector: {
      name: (h.collector?.name ?? "").trim(),
      idNumber: (h.collector?.idNumber ?? "").replace(/\s+/g, ""),
    },
  };
}
