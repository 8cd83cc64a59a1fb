import { gunzipSync, gzipSync } from "node:zlib";

/** Bits per list: the Bitstring Status List minimum (16 KiB), so a bit says little about which certificate it is. */
export const STATUS_LIST_BITS = 131_072;

/** The `encodedList` of a list with these bits set: GZIP, then multibase base64url (`u` prefix, no padding). Bit 0 is the first byte's highest bit. */
export function encodeStatusList(setBits: Iterable<number>, size = STATUS_LIST_BITS): string {
  const bytes = new Uint8Array(size / 8);
  for (const i of setBits) {
    if (!Number.isInteger(i) || i < 0 || i >= size) throw new RangeError(`Status index ${i} is outside the list`);
    bytes[i >> 3]! |= 0x80 >> (i & 7);
  }
  return `u${gzipSync(bytes).toString("base64url")}`;
}

/** Whether bit `index` is set in an `encodedList`; throws on a list that is not one. */
export function statusBit(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith("u")) throw new Error("The status list is not multibase base64url");
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), "base64url"), { maxOutputLength: 16 * 1024 * 1024 });
  if (!Number.isInteger(index) || index < 0 || index >= bytes.length * 8) throw new Error("The status index is outside the list");
  return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}
