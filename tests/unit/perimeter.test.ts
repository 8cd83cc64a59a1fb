import http from "node:http";
import type { AddressInfo } from "node:net";
import express, { type RequestHandler } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "~/db/client.server";
import { BODY_LIMITS, bodyLimits, noStoreWhenSignedIn, originCheck, postCeiling, securityHeaders, toFetchRequest } from "~/http/perimeter.server";
import { createTestDbFile } from "../helpers/db";

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** An Express app with the given middleware and a last handler that reads the body as Remix would. */
async function serve(...middleware: RequestHandler[]): Promise<string> {
  const app = express();
  app.set("trust proxy", "loopback");
  for (const m of middleware) app.use(m);
  app.all("*", async (req, res) => {
    try {
      const request = toFetchRequest(req, res);
      const body = request.body ? await request.text() : "";
      if (!res.headersSent) res.json({ nonce: res.locals.cspNonce, bytes: body.length });
    } catch {
      if (!res.headersSent) res.status(500).end();
    }
  });
  const server = app.listen(0);
  servers.push(server);
  await new Promise((r) => server.once("listening", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A raw request, so tests can declare a Content-Length they do not send, or send chunks. */
function raw(
  base: string,
  init: { method: string; path?: string; headers: Record<string, string>; chunks?: Buffer[] },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${init.path ?? "/"}`, { method: init.method, headers: init.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("error", (e) => (String(e).includes("ECONNRESET") || String(e).includes("EPIPE") ? undefined : reject(e)));
    (async () => {
      for (const c of init.chunks ?? []) {
        if (!req.write(c)) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })().catch(() => {});
  });
}

describe("security headers", () => {
  it("carry a fresh nonce in the CSP, the same the page gets, and nosniff once", async () => {
    const base = await serve(securityHeaders());
    const [a, b] = await Promise.all([fetch(`${base}/x`), fetch(`${base}/x`)]);
    const nonceA = ((await a.json()) as { nonce: string }).nonce;
    expect(a.headers.get("content-security-policy")).toContain(`'nonce-${nonceA}'`);
    expect(a.headers.get("content-security-policy")).not.toContain("unsafe-inline' ;");
    expect(b.headers.get("content-security-policy")).not.toContain(`'nonce-${nonceA}'`);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("the origin check", () => {
  const post = (base: string, headers: Record<string, string>) =>
    raw(base, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, chunks: [Buffer.from("a=1")] });

  it("refuses a cross-site POST and a POST with no Origin that the browser says is cross-site", async () => {
    const base = await serve(originCheck());
    expect((await post(base, { origin: "https://evil.example" })).status).toBe(403);
    expect((await post(base, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post(base, { origin: "null" })).status).toBe(403);
  });

  it("lets our own pages and non-browser clients through, and the configured public origin", async () => {
    const base = await serve(originCheck({ appUrl: "https://stipple.example" }));
    expect((await post(base, { origin: base })).status).toBe(200);
    expect((await post(base, { origin: "https://stipple.example" })).status).toBe(200);
    expect((await post(base, { "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await post(base, {})).status).toBe(200);
  });
});

describe("body limits", () => {
  it("refuses a declared 150 MB form before reading it, with a page that says what to do", async () => {
    const base = await serve(bodyLimits());
    const res = await raw(base, {
      method: "POST",
      path: "/login",
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(150 * 1024 * 1024) },
      chunks: [Buffer.alloc(64 * 1024, 97)],
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/Too large to accept/);
    expect(res.body).toMatch(/shorten what you typed/);
  });

  it("refuses an upload over the per-request photo allowance, in JSON for the upload panel", async () => {
    const base = await serve(bodyLimits());
    const res = await raw(base, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", accept: "application/json", "content-length": String(BODY_LIMITS.multipartBytes + 1) },
      chunks: [Buffer.from("--x\r\n")],
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ accepted: 0, errors: [expect.stringMatching(/Upload fewer at a time/)] });
  });

  it("cuts off a chunked body without Content-Length at the same ceiling", async () => {
    const base = await serve(bodyLimits());
    const chunk = Buffer.alloc(64 * 1024, 97);
    const res = await raw(base, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
      chunks: Array.from({ length: 40 }, () => chunk),
    });
    expect(res.status).toBe(413);
  });

  it("passes a normal form and a normal upload untouched", async () => {
    const base = await serve(bodyLimits());
    const form = await raw(base, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      chunks: [Buffer.from("email=a%40b.c&password=x")],
    });
    expect(form.status).toBe(200);
    expect(JSON.parse(form.body).bytes).toBe(24);
    const big = Buffer.alloc(BODY_LIMITS.formBytes + 10, 97);
    const upload = await raw(base, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(big.length) },
      chunks: [big],
    });
    expect(upload.status).toBe(200);
  });
});

describe("caching of signed-in pages", () => {
  it("is private, no-store whenever the session cookie is sent, whatever the route said", async () => {
    const app = express();
    app.use(noStoreWhenSignedIn());
    app.get("/photo", (_req, res) => {
      res.setHeader("Cache-Control", "private, max-age=300");
      res.send("x");
    });
    const server = app.listen(0);
    servers.push(server);
    await new Promise((r) => server.once("listening", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/photo`, { headers: { cookie: "theme=dark; stipple_session=abc" } })).headers.get("cache-control")).toBe("private, no-store");
    expect((await fetch(`${base}/photo`)).headers.get("cache-control")).toBe("private, max-age=300");
  });
});

describe("the POST ceiling", () => {
  it("is one count for an address across workers, and a 429 says when to come back", async () => {
    // Two apps, each with its own connection to one database file, stand for two workers.
    const { file } = createTestDbFile();
    const connections: Db[] = [openDatabase(file).db, openDatabase(file).db];
    const workers = await Promise.all(connections.map((db) => serve(postCeiling({ db: () => db, max: 5, windowMs: 60_000 }))));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await raw(workers[i % 2]!, { method: "POST", headers: { "x-forwarded-for": "198.51.100.4" }, chunks: [] })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await raw(workers[0]!, { method: "POST", headers: { "x-forwarded-for": "198.51.100.4" }, chunks: [] });
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    // Another address is counted on its own; GETs never count.
    expect((await raw(workers[1]!, { method: "POST", headers: { "x-forwarded-for": "198.51.100.5" }, chunks: [] })).status).toBe(200);
    expect((await raw(workers[1]!, { method: "GET", headers: { "x-forwarded-for": "198.51.100.4" } })).status).toBe(200);
  });
});
