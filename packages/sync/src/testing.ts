import { SyncError } from "./protocol/errors";

/**
 * The typed refusal `p` ends in, for tests at a trust boundary: fails the test when `p`
 * resolves, or rejects with anything but a SyncError.
 */
export async function refusalOf(p: Promise<unknown>): Promise<SyncError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof SyncError)) throw new Error(`expected a SyncError, got ${String(e)}`);
  return e;
}
