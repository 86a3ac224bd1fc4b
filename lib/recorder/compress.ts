// Native gzip only (CompressionStream): a JS deflate would cost the SDK ~10 KB gzip. Browsers
// without it (Firefox < 113, Safari < 16.4) send plain JSON, which the server also accepts.
export type Gzip = (data: Uint8Array) => Promise<Uint8Array | null>;

export const nativeGzip: Gzip = async (data) => {
  if (typeof CompressionStream === "undefined") return null;
  try {
    const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return null;
  }
};

// UTF-8 byte length without allocating an encoded copy (used per event to size batches).
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
