import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buttonSubmission, invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { Conflict, Invalid, NotFound, TooManyRequests } from "~/modules/errors";

const Schema = z.object({ email: z.string(), password: z.string() });

function submissionOf(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return parseWithZod(form, { schema: Schema });
}

/** What `data()` carries, read through its public fields. */
function read(value: unknown) {
  const result = value as { data: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }; init: ResponseInit | null };
  return { body: result.data, status: result.init?.status, headers: new Headers(result.init?.headers) };
}

describe("refusedSubmission: one translation of a domain refusal for every form", () => {
  const typed = () => submissionOf({ email: "a@b.c", password: "secret-typed" });

  it("puts an Invalid next to the field it names, keeps what was typed and drops hidden fields", () => {
    const r = read(refusedSubmission(typed(), new Invalid("No such address", "email"), { hideFields: ["password"] }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ email: ["No such address"] });
    expect(r.body.error?.[""] ?? []).toEqual([]);
    expect(r.body.initialValue).toMatchObject({ email: "a@b.c" });
    expect(r.body.initialValue).not.toHaveProperty("password");
  });

  it("says an Invalid above the form when it names no field, or one listed as having no input", () => {
    expect(read(refusedSubmission(typed(), new Invalid("Something is off"))).body.error).toMatchObject({ "": ["Something is off"] });
    const photos = read(refusedSubmission(typed(), new Invalid("Add exactly 4 photos.", "photos"), { aboveForm: ["photos"] }));
    expect(photos.body.error).toMatchObject({ "": ["Add exactly 4 photos."] });
    expect(photos.body.error).not.toHaveProperty("photos");
  });

  it("answers a Conflict with 409 and a TooManyRequests with 429 and Retry-After, above the form", () => {
    const conflict = read(refusedSubmission(typed(), new Conflict("Already graded")));
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ "": ["Already graded"] });
    const limited = read(refusedSubmission(typed(), new TooManyRequests("Too many attempts", 90)));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("90");
    expect(limited.body.error).toMatchObject({ "": ["Too many attempts"] });
  });

  it("throws the 404 page for NotFound, passes a thrown Response through, and rethrows anything else", () => {
    let thrown: unknown;
    try {
      refusedSubmission(typed(), new NotFound("No such case"));
    } catch (error) {
      thrown = error;
    }
    expect(read(thrown).status).toBe(404);
    const redirect = new Response(null, { status: 302, headers: { Location: "/x" } });
    expect(() => refusedSubmission(typed(), redirect)).toThrow(expect.objectContaining({ status: 302 }));
    const bug = new TypeError("a bug");
    expect(() => refusedSubmission(typed(), bug)).toThrow(bug);
  });

  it("reads a form that is only a button like any other, so its refusal has the same shape", () => {
    const form = new FormData();
    form.set("intent", "start");
    const submission = buttonSubmission(form);
    expect(submission.payload).toMatchObject({ intent: "start" });
    expect(read(refusedSubmission(submission, new Conflict("Wait an hour"))).body.error).toMatchObject({ "": ["Wait an hour"] });
  });

  it("answers a schema failure with 400 and the field errors", () => {
    const failed = parseWithZod(new FormData(), { schema: Schema });
    if (failed.status === "success") throw new Error("expected a failure");
    const r = read(invalidSubmission(failed, { hideFields: ["password"] }));
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.error ?? {})).toEqual(expect.arrayContaining(["email", "password"]));
  });
});
