import { describe, expect, it } from "vitest";
import { shortSiteName } from "./site-name";

describe("a site's short name in tables", () => {
  it("drops the words every site shares", () => {
    expect(shortSiteName("宝石社区便民服务站")).toBe("宝石社区");
    expect(shortSiteName("北山街道便民服务中心")).toBe("北山街道");
  });
  it("keeps a name that is nothing else, and other names, whole", () => {
    expect(shortSiteName("便民服务站")).toBe("便民服务站");
    expect(shortSiteName("西湖区政务服务中心")).toBe("西湖区政务服务中心");
    expect(shortSiteName("—")).toBe("—");
  });
});
