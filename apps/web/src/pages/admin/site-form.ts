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

/**
 * Whether a site's row carries the district's switch for local 事项 (#16): at a district node,
 * on a street's row only (a station defines no items; the district's own are its 清单).
 */
export function hasLocalItemsSwitch(
  nodeKind: "district" | "center" | "station" | undefined,
  site: { kind: "district" | "center" | "station" },
): boolean {
  return nodeKind === "district" && site.kind === "center";
}
