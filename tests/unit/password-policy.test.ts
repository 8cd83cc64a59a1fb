import { describe, expect, it } from "vitest";
import { passwordProblem } from "~/modules/auth/password-policy.server";
import { SignupSchema } from "~/modules/auth/schema";

describe("password policy", () => {
  it("accepts a reasonable passphrase", () => {
    expect(passwordProblem("violet kettle under rain")).toBeNull();
  });

  it("refuses passwords shorter than 8 or longer than 128 characters", () => {
    expect(passwordProblem("a1b2c3d")).toMatch(/at least 8/);
    expect(passwordProblem("x".repeat(7) + "y")).toBeNull();
    expect(passwordProblem("ab".repeat(64))).toBeNull();
    expect(passwordProblem("ab".repeat(64) + "c")).toMatch(/at most 128/);
  });

  it("refuses the most common passwords, whatever their case", () => {
    for (const common of ["password", "12345678", "qwertyuiop", "Password1", "iloveyou"]) {
      expect(passwordProblem(common), common).toMatch(/most common/);
    }
  });

  it("refuses a repeated character and the email's own name", () => {
    expect(passwordProblem("zzzzzzzzzz")).toMatch(/repeat/);
    expect(passwordProblem("marguerite", { email: "marguerite@clinic.example" })).toMatch(/email/);
  });

  it("is mirrored by the form schema's length rule", () => {
    const base = { name: "A", email: "a@b.co" };
    expect(SignupSchema.safeParse({ ...base, password: "short" }).success).toBe(false);
    expect(SignupSchema.safeParse({ ...base, password: "long enough" }).success).toBe(true);
  });
});
