/** A site's name without the words every site shares: 宝石社区便民服务站 → 宝石社区. */
export function shortSiteName(name: string): string {
  return name.replace(/便民服务(站|中心)$/, "") || name;
}
