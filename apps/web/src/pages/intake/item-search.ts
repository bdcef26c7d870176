/** Catalog search at the counter: by name, code or department; every word must match. */
export function matchesItem(
  item: { name: string; code: string; department: string },
  query: string,
): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const hay = `${item.name} ${item.code} ${item.department}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}
