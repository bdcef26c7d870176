/**
 * The station↔hub sync protocol version. Bump it for any change a peer must understand, with
 * one line in the changelog below. The hub accepts the previous version while stations upgrade.
 *
 * Changelog:
 *   1 — push/pull of batched Automerge changes, per-site feed, reference data down, enrolment.
 *   2 — push as a binary frame (`sync.pushFrames`, frames.ts) instead of base64 in JSON.
 */
export const PROTOCOL_VERSION = 2;
export const MIN_SUPPORTED_VERSION = 1;
/** The first version that pushes binary frames: a frame claiming an older one is refused. */
export const PUSH_FRAMES_SINCE = 2;

export function isSupportedVersion(v: number, since = MIN_SUPPORTED_VERSION): boolean {
  return (
    Number.isInteger(v) && v >= Math.max(since, MIN_SUPPORTED_VERSION) && v <= PROTOCOL_VERSION
  );
}
