import { SyncError } from "./errors";
import { LIMITS } from "./messages";
import { isSupportedVersion, MIN_SUPPORTED_VERSION } from "./version";

/** Refuses a protocol version this hub does not speak (`since`: the first version of a message). */
export function checkProtocol(protocol: number, since = MIN_SUPPORTED_VERSION): void {
  if (!isSupportedVersion(protocol, since)) {
    throw new SyncError({
      kind: "PROTOCOL_VERSION",
      zh: "本站点软件版本过旧或过新，请升级后再同步",
      en: `Protocol version ${protocol} is not supported`,
    });
  }
}

export function malformedBatch(en: string, caseId?: string): SyncError {
  return new SyncError({
    kind: "MALFORMED_BATCH",
    zh: "同步数据格式错误，未保存任何内容",
    en,
    caseId,
  });
}

export function batchTooLarge(): SyncError {
  return new SyncError({
    kind: "BATCH_TOO_LARGE",
    zh: "单次同步数据过多，请分批发送",
    en: `Batch over ${LIMITS.maxChangesPerPush} changes or ${LIMITS.maxBytesPerPush} bytes`,
  });
}
