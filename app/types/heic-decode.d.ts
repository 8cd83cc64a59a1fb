declare module "heic-decode" {
  /** Decodes the first image of a HEIC/HEIF file to RGBA pixels (libheif compiled to WebAssembly). */
  export default function decode(input: { buffer: ArrayBufferLike | Uint8Array }): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}
