/**
 * Unfinished forms, kept per browser tab (sessionStorage) so a reload, a failed submit or an
 * expired session loses nothing typed. Cleared on sign-out: a shared terminal must not show
 * the last resident's details to the next helper.
 */
const PREFIX = "bangban.draft.";

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function loadDraft<T>(key: string): T | null {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, value: unknown): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the form still works, it just won't survive a reload.
  }
}

export function dropDraft(key: string): void {
  storage()?.removeItem(PREFIX + key);
}

export function clearDrafts(): void {
  const s = storage();
  if (!s) return;
  for (const k of Object.keys(s)) if (k.startsWith(PREFIX)) s.removeItem(k);
}
