import { describe, expect, it } from "vitest";
import { sniffImage } from "~/modules/photos/image-check";

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("recognising images by their bytes", () => {
  it("knows JPEG, PNG, WebP and HEIC", () => {
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0], "rest"))).toBe("jpeg");
    expect(sniffImage(bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a], "IHDR"))).toBe("png");
    expect(sniffImage(bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "))).toBe("webp");
    expect(sniffImage(bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0], "mif1heic"))).toBe("heic");
    expect(sniffImage(bytes([0, 0, 0, 0x1c], "ftypmif1", [0, 0, 0, 0], "mif1heicmiaf"))).toBe("heic");
  });

  it("refuses SVG, HTML, PDF, MP4 and text whatever they are called", () => {
    expect(sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(sniffImage(bytes("<!DOCTYPE html><html>"))).toBeNull();
    expect(sniffImage(bytes("%PDF-1.7\n"))).toBeNull();
    expect(sniffImage(bytes([0, 0, 0, 0x18], "ftypisom", [0, 0, 0, 0], "isomiso2"))).toBeNull();
    expect(sniffImage(bytes("just some text"))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
    expect(sniffImage(bytes([0xff, 0xd8]))).toBeNull();
  });
});
