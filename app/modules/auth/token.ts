import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** A bearer secret: 20 random bytes (160 bits) as lower-case base32. */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** What the database keeps instead of a token: its SHA-256 in hex. A leaked table grants nothing. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Tokens we issue are exactly 32 base32 characters; anything else is refused before a lookup. */
export function isWellFormedToken(token: string): boolean {
  return /^[a-z2-7]{32}$/.test(token);
}
