export * from "./case-doc";
export * from "./case-repo";
export * from "./keyed-lock";
export * from "./lru";
export * from "./memory-store";
export * from "./projection";
export * from "./store";
