// What a person wrote in an emailed reply, without what their mail client added: the quoted
// history below an attribution line, ">" lines, and the signature. Pure: unit-tested on real
// clients' messages (tests/fixtures/inbound).

// An attribution may wrap over a few lines (long names and addresses): it is looked for in a
// line joined with the next ones, starting at the line it opens on.
const ATTRIBUTION_LINES = 3;

// The line opens the quoted history (everything from it on is dropped).
const HISTORY_OPENERS: RegExp[] = [
  // Gmail, Apple Mail, Thunderbird: "On Mon, 30 Nov 2026 at 21:00, Desk <…> wrote:"
  /^On\b.{0,300}\bwrote:$/i,
  // French clients: "Le lun. 30 nov. 2026 à 21:00, Desk <…> a écrit :"
  /^Le\b.{0,300}\ba écrit ?:$/i,
  // Outlook and others: "-----Original Message-----", "-----Message d'origine-----"
  /^-{2,} ?(Original Message|Message d'origine) ?-{2,}$/i,
  // Outlook's separator line above its "From: … Sent: …" header block.
  /^_{10,}$/,
];

// Outlook's header block of the message replied to, in English or French.
const HEADER_BLOCK_FROM = /^(From|De) ?:/i;
const HEADER_BLOCK_SENT = /^(Sent|Date|Envoyé) ?:/i;

// The signature: the "-- " delimiter (RFC 3676; many clients drop its space), and the mobile
// clients' taglines.
const SIGNATURE_OPENERS: RegExp[] = [/^--$/, /^Sent from my\b/i, /^Envoyé (de|depuis) mon\b/i, /^Get Outlook for\b/i, /^Télécharger Outlook pour\b/i];

function opensHistory(lines: string[], i: number): boolean {
  for (let n = 1; n <= ATTRIBUTION_LINES; n += 1) {
    const candidate = lines
      .slice(i, i + n)
      .map((l) => l.trim())
      .join(" ");
    if (HISTORY_OPENERS.some((re) => re.test(candidate))) return true;
  }
  // "From: …" opens a header block only when a "Sent:" (or "Date:") line follows closely.
  return HEADER_BLOCK_FROM.test(lines[i]!.trim()) && lines.slice(i + 1, i + 4).some((l) => HEADER_BLOCK_SENT.test(l.trim()));
}

export function replyTextOf(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (opensHistory(lines, i) || SIGNATURE_OPENERS.some((re) => re.test(trimmed))) break;
    if (trimmed.startsWith(">")) continue;
    kept.push(line.trimEnd());
  }
  return kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
