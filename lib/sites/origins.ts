// Pure (browser-safe) so the settings form and the server judge an origin the same way.

// "https://shop.example/path" -> "https://shop.example"; null for anything that is not http(s).
export function parseOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
}
