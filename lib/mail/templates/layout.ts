// Shared frame of every email: plain text is primary, the HTML twin is simple and inline-styled
// (mail clients ignore stylesheets). All interpolated text is escaped.
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function htmlEmail(opts: { title: string; paragraphs: string[]; buttons?: { label: string; url: string }[] }): string {
  const paragraphs = opts.paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join("");
  const buttons = (opts.buttons ?? [])
    .map(
      (b) =>
        `<a href="${escapeHtml(b.url)}" style="display:inline-block;margin:0 12px 12px 0;padding:10px 18px;background:#1f4fd1;color:#fff;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(b.label)}</a>`,
    )
    .join("");
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1b1f24;max-width:560px;margin:24px auto;padding:0 16px">
<h1 style="font-size:20px">${escapeHtml(opts.title)}</h1>${paragraphs}<div>${buttons}</div>
<p style="color:#5b6470;font-size:12px;margin-top:24px">Replaydesk</p></body></html>`;
}
