import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateToken, hashToken, isWellFormedToken } from "~/modules/auth/token";

describe("session tokens", () => {
  it("are 20 random bytes as 32 lower-case base32 characters", () => {
    const token = generateToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(isWellFormedToken(token)).toBe(true);
  });

  it("never repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateToken));
    expect(tokens.size).toBe(1000);
  });

  it("are stored as their SHA-256, not themselves", () => {
    const token = generateToken();
    const expected = createHash("sha256").update(token).digest("hex");
    expect(hashToken(token)).toBe(expected);
    expect(hashToken(token)).not.toContain(token);
  });

  it("refuses anything that is not one of ours before a lookup", () => {
    for (const bad of ["", "x", "A".repeat(32), `${"a".repeat(31)}1`, `${"a".repeat(32)}b`, "' or 1=1 --"]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });
});
