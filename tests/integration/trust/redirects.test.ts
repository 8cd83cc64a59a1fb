// Hole 2: `redirectTo=/%09/evil.example` on /login sent the browser to another site, and a
// newline in it answered 500. Only same-origin paths are followed now; anything else goes to
// the role's home page.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { users } from "~/db/schema";
import { hashPassword } from "~/modules/auth/password.server";
import { action as loginAction } from "~/routes/login";
import { contextFor, createTestDb } from "../../helpers/db";
import { call, postForm } from "../../helpers/http";

const PASSWORD = "copper lantern meadow";
let db: Db;

beforeEach(async () => {
  db = createTestDb();
  const passwordHash = await hashPassword(PASSWORD);
  db.insert(users)
    .values([
      { email: "lena@clinic.example", name: "Lena", passwordHash, role: "learner" },
      { email: "ines@clinic.example", name: "Ines", passwordHash, role: "instructor" },
    ])
    .run();
});

const login = (email: string, redirectTo: string) =>
  call(loginAction, { request: postForm("/login", { email, password: PASSWORD, redirectTo }), params: {}, context: contextFor(db) });

describe("after sign-in", () => {
  it.each([
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\\evil.example",
    "//evil.example",
    "https://evil.example/",
    "/\u0000x",
  ])("never leaves the site for %j, and never answers 500", async (redirectTo) => {
    const result = await login("lena@clinic.example", redirectTo);
    expect(result.status).toBe(302);
    const location = result.headers.get("Location")!;
    expect(new URL(location, "http://localhost:3000").origin).toBe("http://localhost:3000");
    // What a browser would do with the header: no stripped characters, no scheme-relative form.
    expect(location).toMatch(/^\/(?!\/)/);
    // eslint-disable-next-line no-control-regex
    expect(location).not.toMatch(/[\u0000-\u001f\\]/);
  });

  it("follows a same-origin path, and otherwise lands on the role's home", async () => {
    expect((await login("lena@clinic.example", "/courses/smp-practitioner")).headers.get("Location")).toBe("/courses/smp-practitioner");
    expect((await login("lena@clinic.example", "//evil.example")).headers.get("Location")).toBe("/courses");
    expect((await login("ines@clinic.example", "")).headers.get("Location")).toBe("/review");
  });
});
