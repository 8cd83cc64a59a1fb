import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), "stipple-img-"));

/** A photo-like JPEG with camera and GPS EXIF, written to a temp file as an upload would be. */
export async function jpegWithGps(width = 1600, height = 1200): Promise<{ path: string; size: number; name: string }> {
  const file = path.join(dir(), "IMG_0001.jpg");
  await sharp({ create: { width, height, channels: 3, background: "#c9b8a8" } })
    .composite([{ input: { create: { width: 40, height: 40, channels: 3, background: "#222" } }, left: 100, top: 100 }])
    .withExif({
      IFD0: { Make: "PhoneCo", Model: "Camera 9" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
    })
    .jpeg({ quality: 90 })
    .toFile(file);
  return { path: file, size: fs.statSync(file).size, name: "IMG_0001.jpg" };
}

/** Any bytes saved under a photo's name (an SVG or HTML page renamed .jpg, say). */
export function fileWith(name: string, content: string | Buffer): { path: string; size: number; name: string } {
  const file = path.join(dir(), name);
  fs.writeFileSync(file, content);
  return { path: file, size: fs.statSync(file).size, name };
}

/** A tiny PNG whose header claims 60,000 × 60,000 pixels: a decompression bomb. */
export function pixelBomb(): { path: string; size: number; name: string } {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(60000, 0);
  ihdr.writeUInt32BE(60000, 4);
  ihdr[8] = 8;
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.alloc(1000))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return fileWith("bomb.png", png);
}
