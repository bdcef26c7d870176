import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt parameters: N=2^15 costs ~50 ms here — slow for guessing, fine for a login. */
const PARAMS = { N: 1 << 15, r: 8, p: 1 };
const KEYLEN = 32;

/**
 * The cost a test seeds its users with: N=2^10, ~1 ms instead of ~50 ms (several seconds per
 * hub harness on a busy machine). The stored hash carries its own N, so logins verify the same
 * way; production code never passes it.
 */
export const TEST_SECRET_COST = { N: 1 << 10, r: 8, p: 1 } as const;

export type SecretCost = { N: number; r: number; p: number };

/** Hashes a password or PIN as `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashSecret(secret: string, cost: SecretCost = PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, KEYLEN, { ...cost, maxmem: 64 * 1024 * 1024 });
  return [
    "scrypt",
    cost.N,
    cost.r,
    cost.p,
    salt.toString("base64url"),
    key.toString("base64url"),
  ].join("$");
}

/** Checks a secret against a stored hash in constant time; false for malformed hashes. */
export async function verifySecret(secret: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [alg, n, r, p, salt, hash] = stored.split("$");
  if (alg !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scrypt(secret, Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** `hashSecret` at the test cost, for test harnesses that seed users (`seedDemo`). */
export const hashSecretForTests = (secret: string) => hashSecret(secret, TEST_SECRET_COST);
