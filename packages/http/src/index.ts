export * from "./attachments";
export * from "./errors";
export * from "./node-app";
export * from "./node-identity";
export * from "./request";
export * from "./session";
