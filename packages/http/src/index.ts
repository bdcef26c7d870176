export * from "./attachments";
export * from "./errors";
export * from "./exports";
export * from "./node-app";
export * from "./request";
export * from "./same-origin";
export * from "./security-headers";
export * from "./session";
