import { randomBytes } from "node:crypto";

// rrweb events as the SDK (or a tampered one) sends them, and the distinctive values the suites
// type into recorded pages: none of them may ever be found in clear where the app keeps data.

export const TYPED = {
  // Typed into an ordinary (masked by default) text field and an input event.
  masked: "Quokka-Masked-5521-Zanzibar",
  email: "adv.secret.mailbox@leak.example",
  // Typed into a password field: never collected (S1).
  password: "Pw-Adv-9917!Marmalade",
  // A Luhn-valid card number typed into a card field, and pasted into an unmasked paragraph.
  card: "4242 4242 4242 4242",
  cardCompact: "4242424242424242",
  // An IBAN in an unmasked note: scrubbed on the server.
  iban: "FR76 3000 6000 0112 3456 7890 189",
} as const;

export const LEAK_NEEDLES: readonly string[] = [TYPED.masked, TYPED.email, TYPED.password, TYPED.card, TYPED.cardCompact, TYPED.iban, "FR7630006000011234567890189"];

export const newSessionId = () => `s_${randomBytes(16).toString("base64url")}`;

type Node = Record<string, unknown>;

let nextId = 1;
const id = () => nextId++;

export function el(tagName: string, attributes: Record<string, string | boolean> = {}, children: Node[] = []): Node {
  return { type: 2, id: id(), tagName, attributes, childNodes: children };
}

export function text(textContent: string): Node {
  return { type: 3, id: id(), textContent };
}

export function snapshotEvent(body: Node[], head: Node[] = [], timestamp = Date.now()) {
  return {
    type: 2,
    timestamp,
    data: {
      node: { type: 0, id: id(), childNodes: [el("html", {}, [el("head", {}, head), el("body", {}, body)])] },
      initialOffset: { left: 0, top: 0 },
    },
  };
}

export function metaEvent(href: string, timestamp = Date.now()) {
  return { type: 4, timestamp, data: { href, width: 1200, height: 800 } };
}

// A page with a form where the secrets are typed: the values sit in attributes and input events.
export function formPage(timestamp = Date.now()) {
  const name = el("input", { type: "text", name: "fullname", value: TYPED.masked });
  const mail = el("input", { type: "email", name: "email", value: TYPED.email });
  const password = el("input", { type: "password", name: "password", value: TYPED.password });
  const card = el("input", { type: "text", name: "cardnumber", autocomplete: "cc-number", value: TYPED.card });
  const note = el("p", { "data-replay-unmask": "" }, [text(`Card ${TYPED.card} and IBAN ${TYPED.iban} pasted in a note`)]);
  const events = [
    metaEvent("https://shop.example/checkout?email=" + encodeURIComponent(TYPED.email), timestamp),
    snapshotEvent([el("form", {}, [name, mail, password, card]), note], [], timestamp),
    { type: 3, timestamp: timestamp + 1, data: { source: 5, id: name.id, text: TYPED.masked, isChecked: false } },
    { type: 3, timestamp: timestamp + 2, data: { source: 5, id: mail.id, text: TYPED.email, isChecked: false } },
    { type: 3, timestamp: timestamp + 3, data: { source: 5, id: password.id, text: TYPED.password, isChecked: false } },
    { type: 3, timestamp: timestamp + 4, data: { source: 5, id: card.id, text: TYPED.cardCompact, isChecked: false } },
  ];
  return events;
}

// Mouse moves whose coordinates say which client, session and batch sent them: a stored chunk can
// then be checked against what was acknowledged, in order.
export function markerEvents(client: number, seq: number, count: number, timestamp: number) {
  return Array.from({ length: count }, (_, i) => ({
    type: 3,
    timestamp: timestamp + i,
    data: { source: 1, positions: [{ x: client, y: seq * 1000 + i, id: 1, timeOffset: 0 }] },
  }));
}

// consent: the proofId POST /api/v1/consent answered for this session (ingest refuses a session
// without one).
export function batch(siteKey: string, sessionId: string, seq: number, events: unknown[], extra: Record<string, unknown> = {}) {
  return { v: 1, siteKey, sessionId, seq, events, page: { url: "https://shop.example/checkout" }, ...(seq === 0 ? { trigger: { reason: "ticket", kind: "ticket" } } : {}), ...extra };
}
