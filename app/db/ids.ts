import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** A random, unguessable id (120 bits, base32): never sequential, safe in URLs. */
export function createId(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}
