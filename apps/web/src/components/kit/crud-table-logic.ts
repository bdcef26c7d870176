/** Rows a page holds before a table pages: fifty fit a station PC's screen scrolled twice. */
export const PAGE_SIZE = 50;

/** No pager for a list that fits; pages of `size` for one that does not. */
export function pagingFor(rows: number, size = PAGE_SIZE): false | { pageSize: number } {
  return rows > size ? { pageSize: size } : false;
}
