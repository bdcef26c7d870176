/**
 * The station↔hub sync protocol version. Bump it for any change a peer must understand, with
 * one line in the changelog below. The hub accepts the previous version while stations upgrade.
 *
 * Changelog:
 *   1 — push/pull of batched Automerge changes, per-site feed, reference data down, enrolment.
 */
export const PROTOCOL_VERSION = 1;
export const MIN_SUPPORTED_VERSION = 1;

export function isSupportedVersion(v: number): boolean {
  return Number.isInteger(v) && v >= MIN_SUPPORTED_VERSION && v <= PROTOCOL_VERSION;
}
