import { describe, expect, it } from "vitest";
import { limitAddress } from "~/modules/auth/rate-limit.server";

describe("limitAddress", () => {
  it("keeps an IPv4 address whole and maps IPv4-in-IPv6 to it", () => {
    expect(limitAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(limitAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts IPv6 addresses by their /64, however they are written", () => {
    const net = "2001:db8:1:2::/64";
    expect(limitAddress("2001:db8:1:2::1")).toBe(net);
    expect(limitAddress("2001:0db8:0001:0002:abcd:ef01:2345:6789")).toBe(net);
    expect(limitAddress("2001:DB8:1:2:ffff::")).toBe(net);
    expect(limitAddress("2001:db8:1:2::1%eth0")).toBe(net);
    expect(limitAddress("2001:db8:1:3::1")).not.toBe(net);
    expect(limitAddress("::1")).toBe("0:0:0:0::/64");
  });
});
