// Hole 6 (and the multipart caps of hole 3): a filename containing `=` or `;` and a HEIC whose
// header declares a huge size both answered 500. Every parser and decoder failure is now a 400
// with a reason the person can act on, and nothing is stored.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { stagedPhotos } from "~/db/schema";
import { enrol } from "~/modules/progress/progress.server";
import { MULTIPART_LIMITS } from "~/http/uploads.server";
import { action as practicalAction } from "~/routes/practicals.$assignment";
import { contextFor, createTestDb } from "../../helpers/db";
import { call } from "../../helpers/http";
import { person } from "../../helpers/world";

const COURSE = "smp-practitioner";
const PRACTICAL = "dot-consistency-grid";
let db: Db;
let cookie: string;

beforeEach(() => {
  db = createTestDb();
  const lena = person(db, "lena@clinic.example", "learner", { name: "Lena" });
  enrol(db, lena.user.id, COURSE);
  cookie = lena.cookie;
});

type Part = { name: string; filename?: string; type?: string; body: Buffer | string };

/** A multipart body as a browser sends it, with the filename quoted as browsers quote it. */
function multipart(parts: Part[], boundary = "----stippleBoundary7x"): Request {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename.replace(/"/g, "%22")}"`}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n`));
    chunks.push(Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return new Request(`http://localhost:3000/practicals/${PRACTICAL}`, {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, Origin: "http://localhost:3000", Cookie: cookie, Accept: "application/json" },
    body: Buffer.concat(chunks),
  });
}

const upload = (request: Request) => call(practicalAction, { request, params: { assignment: PRACTICAL }, context: contextFor(db) });
const jpeg = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: "#b09080" } })
    .jpeg()
    .toBuffer();
const staged = () => db.select().from(stagedPhotos).all();

describe("photo uploads that used to crash", () => {
  it.each(["IMG=1.jpg", "IMG;1.jpg", "before; after=2.jpg", "naïve name.jpg"])("accept a photo named %j and keep its name", async (filename) => {
    const result = await upload(multipart([{ name: "photos", filename, type: "image/jpeg", body: await jpeg() }]));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ errors: [], accepted: 1 });
    expect(staged().map((s) => s.originalName)).toEqual([filename]);
  });

  it("refuses a HEIC whose header declares 60,000 × 60,000 pixels before decoding it", async () => {
    const heic = fs.readFileSync(path.resolve("tests/fixtures/photos/tiny-hevc.heic"));
    // Rewrite every image-extent box ('ispe': version/flags, width, height) to a huge size.
    for (let i = heic.indexOf("ispe"); i !== -1; i = heic.indexOf("ispe", i + 1)) {
      heic.writeUInt32BE(60000, i + 8);
      heic.writeUInt32BE(60000, i + 12);
    }
    const result = await upload(multipart([{ name: "photos", filename: "IMG_0003.HEIC", type: "image/heic", body: heic }]));
    expect(result.status).toBe(400);
    expect((result.body as { errors: string[] }).errors[0]).toMatch(/IMG_0003\.HEIC: That photo has too many pixels/);
    expect(staged()).toHaveLength(0);
  });

  it("refuses a HEIC whose coded image is damaged, with a reason", async () => {
    const heic = fs.readFileSync(path.resolve("tests/fixtures/photos/tiny-hevc.heic"));
    const damaged = Buffer.concat([heic.subarray(0, heic.length - 300), Buffer.alloc(300, 0xff)]);
    const result = await upload(multipart([{ name: "photos", filename: "IMG_0004.HEIC", type: "image/heic", body: damaged }]));
    expect(result.status).toBe(400);
    expect((result.body as { errors: string[] }).errors[0]).toMatch(/could not be (read|processed)/);
    expect(staged()).toHaveLength(0);
  });

  it("answers 400, not 500, to a body that is not valid multipart", async () => {
    const broken = new Request(`http://localhost:3000/practicals/${PRACTICAL}`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data", Cookie: cookie, Accept: "application/json" },
      body: "this is not multipart at all",
    });
    const result = await upload(broken);
    expect(result.status).toBe(400);
    expect((result.body as { errors: string[] }).errors[0]).toMatch(/could not be read/);
  });
});

describe("removing a staged photo", () => {
  it("answers 404, not 500, for an id that is not one of yours", async () => {
    const request = new Request(`http://localhost:3000/practicals/${PRACTICAL}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3000", Cookie: cookie },
      body: new URLSearchParams({ intent: "remove", id: "no-such-photo" }).toString(),
    });
    expect((await upload(request)).status).toBe(404);
  });
});

describe("multipart caps", () => {
  it("refuses more non-file fields than a photo form has, storing nothing", async () => {
    const fields = Array.from({ length: MULTIPART_LIMITS.fields + 1 }, (_, i) => ({ name: `f${i}`, body: "x" }));
    const result = await upload(multipart([...fields, { name: "photos", filename: "ok.jpg", type: "image/jpeg", body: await jpeg() }]));
    expect(result.status).toBe(400);
    expect((result.body as { errors: string[] }).errors[0]).toMatch(/more fields/);
    expect(staged()).toHaveLength(0);
  });

  it("refuses a field far longer than any form needs", async () => {
    const result = await upload(
      multipart([
        { name: "note", body: "x".repeat(MULTIPART_LIMITS.fieldBytes + 1) },
        { name: "photos", filename: "ok.jpg", type: "image/jpeg", body: await jpeg() },
      ]),
    );
    expect(result.status).toBe(400);
    expect(staged()).toHaveLength(0);
  });

  it("refuses more photos than the brief allows, keeping none of them", async () => {
    const photo = await jpeg();
    const many = Array.from({ length: 12 }, (_, i) => ({ name: "photos", filename: `p${i}.jpg`, type: "image/jpeg", body: photo }));
    const result = await upload(multipart(many));
    expect(result.status).toBe(400);
    expect((result.body as { errors: string[] }).errors[0]).toMatch(/Upload at most \d+ photos/);
    expect(staged()).toHaveLength(0);
    expect(fs.readdirSync(path.join(process.env.STIPPLE_DATA_DIR!, "tmp-uploads"))).toEqual([]);
  });
});
