import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { didWebUrl, issuerDid, localIssuerOf } from "~/modules/credentials/issuer";
import { linkedInAddUrl } from "~/modules/credentials/linkedin";
import { encodeStatusList, STATUS_LIST_BITS, statusBit } from "~/modules/credentials/status-list.server";

describe("did:web identities", () => {
  it("percent-encodes the port and puts clinics under issuers:", () => {
    expect(issuerDid("http://localhost:3000", "stipple")).toBe("did:web:localhost%3A3000");
    expect(issuerDid("https://stipple.example", "abc123")).toBe("did:web:stipple.example:issuers:abc123");
    expect(localIssuerOf("https://stipple.example", "did:web:stipple.example:issuers:abc123")).toBe("abc123");
    expect(localIssuerOf("https://stipple.example", "did:web:other.example")).toBeNull();
  });

  it("resolves to the method's HTTPS document addresses and refuses anything else", () => {
    expect(didWebUrl("did:web:stipple.example")?.toString()).toBe("https://stipple.example/.well-known/did.json");
    expect(didWebUrl("did:web:stipple.example%3A8443:issuers:abc")?.toString()).toBe("https://stipple.example:8443/issuers/abc/did.json");
    expect(didWebUrl("did:key:z6Mk")).toBeNull();
    expect(didWebUrl("did:web:evil.example%2Fpath")).toBeNull();
  });
});

describe("Bitstring Status List", () => {
  it("is GZIP'd 16 KiB behind a multibase `u`, bit 0 the first byte's highest bit", () => {
    const encoded = encodeStatusList([0, 9, STATUS_LIST_BITS - 1]);
    expect(encoded.startsWith("u")).toBe(true);
    const bytes = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
    expect(bytes.length).toBe(16_384);
    expect([bytes[0], bytes[1], bytes.at(-1)]).toEqual([0x80, 0x40, 0x01]);
    expect([0, 1, 9, STATUS_LIST_BITS - 1].map((i) => statusBit(encoded, i))).toEqual([true, false, true, true]);
    expect(() => encodeStatusList([STATUS_LIST_BITS])).toThrow(RangeError);
    expect(() => statusBit("zabc", 0)).toThrow(/multibase/);
  });
});

describe("LinkedIn's add-certification link", () => {
  it("carries the month numbers LinkedIn expects (1–12, UTC)", () => {
    const url = new URL(
      linkedInAddUrl({
        name: "SMP",
        organisation: "Clinic & Co",
        issuedAt: Date.UTC(2026, 0, 31, 23, 30),
        expiresAt: Date.UTC(2028, 11, 1),
        credentialId: "STP-X",
        verifyUrl: "https://s.example/verify/STP-X",
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      organizationName: "Clinic & Co",
      issueYear: "2026",
      issueMonth: "1",
      expirationYear: "2028",
      expirationMonth: "12",
    });
  });
});
