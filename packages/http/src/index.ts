export * from "./attachments";
export * from "./errors";
export * from "./node-app";
export * from "./request";
export * from "./session";
