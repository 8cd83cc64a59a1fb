import { createHash, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";

/**
 * Rendered documents, keyed by what determines them.
 *
 * A Remix document is a pure function of the URL, the loader and action data and the status:
 * hydration depends on that (the browser re-renders from the same data and must get the same
 * markup). So when a request's data equals an earlier request's, the earlier HTML is the answer
 * — React need not render it again. The only per-response part, the CSP nonce, is rendered as
 * a per-process secret placeholder and substituted on the way out.
 */
export const NONCE_PLACEHOLDER = `nonce-${randomBytes(18).toString("base64url")}`;

/** A rendered document as UTF-8 bytes, split where the nonce goes. */
type Cached = { parts: Buffer[]; bytes: number };

const cache = new LRUCache<string, Cached>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (doc) => doc.bytes,
});

/** A stable fingerprint of plain JSON-like data, or null when it holds anything else (promises, Maps, Dates…). */
export function fingerprint(value: unknown): string | null {
  const parts: string[] = [];
  function walk(v: unknown): boolean {
    if (v === null) return (parts.push("n"), true);
    switch (typeof v) {
      case "undefined":
        return (parts.push("u"), true);
      case "boolean":
        return (parts.push(v ? "t" : "f"), true);
      case "number":
        return (parts.push(`#${Object.is(v, -0) ? "-0" : String(v)}`), true);
      case "string":
        return (parts.push(JSON.stringify(v)), true);
      case "object": {
        if (Array.isArray(v)) {
          parts.push("[");
          for (const item of v) if (!walk(item)) return false;
          return (parts.push("]"), true);
        }
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) return false;
        parts.push("{");
        for (const key of Object.keys(v as object)) {
          parts.push(JSON.stringify(key), ":");
          if (!walk((v as Record<string, unknown>)[key])) return false;
        }
        return (parts.push("}"), true);
      }
      default:
        return false;
    }
  }
  if (!walk(value)) return null;
  return createHash("sha256").update(parts.join("")).digest("base64url");
}

export function cachedDocument(key: string): Cached | undefined {
  return cache.get(key);
}

/** Keeps a rendered document (with the placeholder nonce) for later requests with the same key. */
export function storeDocument(key: string, html: string): Cached {
  const parts = html.split(NONCE_PLACEHOLDER).map((p) => Buffer.from(p, "utf8"));
  const doc = { parts, bytes: parts.reduce((n, p) => n + p.length, 0) };
  cache.set(key, doc);
  return doc;
}

/**
 * The document's bytes with this response's nonce in place of the placeholder. Bytes, not a
 * string: a large string body costs a USV conversion per response.
 */
export function withNonce(doc: Cached, nonce: string): Uint8Array<ArrayBuffer> {
  const n = Buffer.from(nonce, "utf8");
  const out = new Uint8Array(doc.bytes + n.length * (doc.parts.length - 1));
  let at = 0;
  doc.parts.forEach((part, i) => {
    if (i > 0) {
      out.set(n, at);
      at += n.length;
    }
    out.set(part, at);
    at += part.length;
  });
  return out;
}
