import { crc32 } from "node:zlib";

/** The iTXt keyword the Open Badges 3.0 baking rules give the credential. */
export const BAKED_KEYWORD = "openbadgecredential";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type Chunk = { type: string; data: Buffer; start: number; end: number };

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(SIGNATURE);
}

function chunks(png: Buffer): Chunk[] {
  if (!isPng(png)) throw new Error("Not a PNG image");
  const out: Chunk[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > png.length) throw new Error("The PNG image is cut short");
    const type = png.toString("latin1", at + 4, at + 8);
    out.push({ type, data: png.subarray(at + 8, at + 8 + length), start: at, end });
    at = end;
    if (type === "IEND") return out;
  }
  throw new Error("The PNG image has no end chunk");
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function bakedText(c: Chunk): string | null {
  if (c.type !== "iTXt") return null;
  const nul = c.data.indexOf(0);
  if (nul < 0 || c.data.toString("latin1", 0, nul) !== BAKED_KEYWORD) return null;
  // keyword NUL, compression flag, method, language tag NUL, translated keyword NUL, text
  if (c.data[nul + 1] !== 0) throw new Error("The baked credential is compressed, which the baking rules do not allow");
  const lang = c.data.indexOf(0, nul + 3);
  const translated = lang < 0 ? -1 : c.data.indexOf(0, lang + 1);
  if (translated < 0) throw new Error("The badge's credential chunk is malformed");
  return c.data.subarray(translated + 1).toString("utf8");
}

/**
 * The PNG with the credential baked in: one uncompressed iTXt chunk `openbadgecredential` just
 * before the image end, replacing any credential baked before. The pixels are untouched.
 */
export function bakePng(png: Uint8Array, credential: string): Buffer {
  const source = Buffer.from(png);
  const all = chunks(source);
  const data = Buffer.concat([Buffer.from(BAKED_KEYWORD, "latin1"), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(credential, "utf8")]);
  const parts: Buffer[] = [SIGNATURE];
  for (const c of all) {
    if (bakedText(c) !== null) continue;
    if (c.type === "IEND") parts.push(chunk("iTXt", data));
    parts.push(source.subarray(c.start, c.end));
  }
  return Buffer.concat(parts);
}

/** The credential baked into a PNG, or null when it carries none. Throws on a broken PNG. */
export function extractBakedCredential(png: Uint8Array): string | null {
  for (const c of chunks(Buffer.from(png))) {
    const text = bakedText(c);
    if (text !== null) return text;
  }
  return null;
}
