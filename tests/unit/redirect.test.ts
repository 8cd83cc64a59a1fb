import { describe, expect, it } from "vitest";
import { afterSignIn, safeRedirectPath } from "~/modules/auth/redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/courses/smp-practitioner", "/courses/smp-practitioner"],
    ["/review?status=passed#top", "/review?status=passed#top"],
    ["/invite/abc", "/invite/abc"],
  ])("keeps the same-origin path %s", (input, out) => {
    expect(safeRedirectPath(input)).toBe(out);
  });

  it.each([
    ["a tab that browsers strip into //evil.example", "/\t/evil.example"],
    ["a newline", "/\n/evil.example"],
    ["a carriage return", "/courses\r\nSet-Cookie: x=1"],
    ["a NUL", "/\u0000/evil.example"],
    ["a backslash", "/\\evil.example"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["an absolute URL", "https://evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "courses"],
    ["an empty value", ""],
    ["something very long", `/${"a".repeat(3000)}`],
  ])("refuses %s", (_name, input) => {
    expect(safeRedirectPath(input)).toBeNull();
  });

  it("falls back to the role's home page", () => {
    expect(afterSignIn("learner", "//evil.example")).toBe("/courses");
    expect(afterSignIn("instructor", undefined)).toBe("/review");
    expect(afterSignIn("clinic_admin", "/\t/evil.example")).toBe("/clinic");
    expect(afterSignIn("admin", "/admin?tab=clinics")).toBe("/admin?tab=clinics");
  });
});
