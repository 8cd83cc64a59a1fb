import { describe, expect, it } from "vitest";
import { cachedDocument, fingerprint, NONCE_PLACEHOLDER, storeDocument, withNonce } from "~/render-cache.server";

describe("document fingerprints", () => {
  it("are equal for equal data and differ for any change", () => {
    const page = { root: { user: { name: "Ana" } }, "routes/x": { progress: { completed: 1, total: 6 }, list: [1, "2", null, true] } };
    expect(fingerprint(page)).toBe(fingerprint(structuredClone(page)));
    const changed = structuredClone(page);
    changed["routes/x"].progress.completed = 2;
    expect(fingerprint(changed)).not.toBe(fingerprint(page));
    expect(fingerprint({ a: "1" })).not.toBe(fingerprint({ a: 1 }));
    expect(fingerprint({ a: undefined })).not.toBe(fingerprint({}));
    expect(fingerprint([["a"], "b"])).not.toBe(fingerprint([["a", "b"]]));
    expect(fingerprint({ ab: "", c: "" })).not.toBe(fingerprint({ a: "", bc: "" }));
  });

  it("refuse data that does not serialise faithfully, so it is never cached", () => {
    expect(fingerprint({ deferred: Promise.resolve(1) })).toBeNull();
    expect(fingerprint({ m: new Map([["a", 1]]) })).toBeNull();
    expect(fingerprint({ d: new Date(0) })).toBeNull();
    expect(fingerprint({ f: () => 1 })).toBeNull();
    expect(fingerprint({ b: 1n })).toBeNull();
  });
});

describe("cached documents", () => {
  it("give each response its own nonce in every place the placeholder stood", () => {
    const html = `<script nonce="${NONCE_PLACEHOLDER}">a</script><p>é</p><script nonce="${NONCE_PLACEHOLDER}">b</script>`;
    const doc = storeDocument("k1", html);
    expect(cachedDocument("k1")).toBe(doc);
    const first = new TextDecoder().decode(withNonce(doc, "AAA"));
    const second = new TextDecoder().decode(withNonce(doc, "BBB"));
    expect(first).toBe('<script nonce="AAA">a</script><p>é</p><script nonce="AAA">b</script>');
    expect(second).toBe('<script nonce="BBB">a</script><p>é</p><script nonce="BBB">b</script>');
    expect(first).not.toContain(NONCE_PLACEHOLDER);
  });

  it("use a placeholder that is random per process, not guessable", () => {
    expect(NONCE_PLACEHOLDER).toMatch(/^nonce-[A-Za-z0-9_-]{24}$/);
  });
});
