/**
 * The kind of site a division code names, by its length: 6 digits a district (county), 9 a
 * street center, 12 a community station. The hub checks the code fully (parseDivisionCode).
 */
export function siteKindOfCode(code: string | undefined): "district" | "center" | "station" | null {
  const s = (code ?? "").trim();
  if (!/^\d+$/.test(s)) return null;
  return s.length === 6
    ? "district"
    : s.length === 9
      ? "center"
      : s.length === 12
        ? "station"
        : null;
}
