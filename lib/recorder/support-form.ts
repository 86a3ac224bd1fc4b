import { MAX_TICKET_EMAIL_LENGTH, MAX_TICKET_MESSAGE_LENGTH, MAX_TICKET_SUBJECT_LENGTH, type MaskingMode } from "../replay/protocol";
import type { ReplaydeskApi, TicketInput } from "./types";
import { validateSupportForm, type SupportField } from "./support-validation";
import { SUPPORT_CATALOGS, fill, supportLanguage, type SupportMessages } from "./support-messages";

// The support dialog lives in a shadow root so that the host page's CSS cannot break it and ours
// cannot leak out. It is built with DOM calls only (no innerHTML: pages enforcing Trusted Types
// would refuse it) and styled with a constructed stylesheet (not subject to the page's CSP).
// Its host carries data-replay-block, so what the customer types here is never recorded.

const CSS = `
:host { all: initial; }
dialog { box-sizing: border-box; width: min(92vw, 460px); max-height: 90vh; overflow: auto; margin: auto;
  padding: 24px; border: 0; border-radius: 12px; background: #fff; color: #1b1b1f;
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  box-shadow: 0 12px 40px rgba(0,0,0,.3); }
dialog:not([open]) { display: none; }
dialog.fallback { position: fixed; inset: 0; z-index: 2147483647; }
dialog::backdrop { background: rgba(15,15,20,.55); }
h2 { margin: 0 0 6px; font-size: 20px; line-height: 1.3; }
p { margin: 0 0 12px; }
.note { padding: 10px 12px; border-radius: 8px; background: #eef3ff; color: #1d2f66; font-size: 14px; }
.field { margin: 0 0 14px; }
label { display: block; margin: 0 0 4px; font-weight: 600; font-size: 14px; }
input, textarea { box-sizing: border-box; width: 100%; padding: 9px 10px; border: 1px solid #767680;
  border-radius: 6px; font: inherit; color: inherit; background: #fff; }
textarea { min-height: 120px; resize: vertical; }
input[aria-invalid="true"], textarea[aria-invalid="true"] { border-color: #b3261e; border-width: 2px; }
.error { margin: 4px 0 0; color: #b3261e; font-size: 14px; }
.actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 8px; }
button { padding: 9px 16px; border-radius: 6px; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff;
  font: inherit; font-weight: 600; cursor: pointer; }
button.secondary { background: #fff; color: #1d4ed8; }
button[disabled] { opacity: .6; cursor: progress; }
a { color: #1d4ed8; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
[hidden] { display: none !important; }
`;

type Attrs = Record<string, string>;

function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) el.append(child);
  return el;
}

function applyStyles(doc: Document, root: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Older browsers: a <style> element (a strict style-src may refuse it; the form still works).
    root.append(h(doc, "style", {}, CSS));
  }
}

// The element that has focus, looking into open shadow roots (the opener may live in one).
function deepActiveElement(doc: Document): HTMLElement | null {
  let el = doc.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}

let current: { dialog: HTMLDialogElement; first: HTMLElement } | null = null;

// What the recording linked to the request holds, in this site's mode (privacy point 9): always a
// masked copy; on M1/M2 also an unmasked one, sealed, opened only after the customer's approval
// (and, on M1, a supervisor's validation).
export function recordingNote(mode: MaskingMode, t: SupportMessages = SUPPORT_CATALOGS.en): string {
  if (mode === "M3") return t.noteMasked;
  return `${t.noteMasked} ${mode === "M1" ? t.noteSealedM1 : t.noteSealedM2}`;
}

// The reference sentence around the ticket's link, wherever the language puts {ref}.
function referenceParts(t: SupportMessages, link: HTMLElement): Array<Node | string> {
  const [before = "", after = ""] = fill(t.reference, { ref: "\u0000" }).split("\u0000");
  return [before, link, after];
}

export function openSupportDialog(api: ReplaydeskApi, doc: Document = document): void {
  if (current) {
    current.first.focus();
    return;
  }
  const opener = deepActiveElement(doc);
  const host = h(doc, "div", { "data-replay-block": "", "data-replaydesk": "support" });
  // The visitor's language, not the page's: the browser says which one they read.
  const language = doc.defaultView?.navigator.language;
  const lang = supportLanguage(language);
  const t = SUPPORT_CATALOGS[lang];
  host.setAttribute("lang", lang);
  const root = host.attachShadow({ mode: "open" });
  applyStyles(doc, root);

  type Field = { input: HTMLInputElement | HTMLTextAreaElement; error: HTMLElement; wrap: HTMLElement };
  const fields: Record<SupportField, Field> = {
    email: field("email", t.email, h(doc, "input", { type: "email", autocomplete: "email", maxlength: String(MAX_TICKET_EMAIL_LENGTH) })),
    subject: field("subject", t.subject, h(doc, "input", { type: "text", maxlength: String(MAX_TICKET_SUBJECT_LENGTH) })),
    message: field("message", t.message, h(doc, "textarea", { rows: "5", maxlength: String(MAX_TICKET_MESSAGE_LENGTH) })),
  };

  function field(name: SupportField, text: string, input: HTMLInputElement | HTMLTextAreaElement): Field {
    const id = `rd-${name}`;
    input.id = id;
    input.name = name;
    input.required = true;
    input.setAttribute("data-testid", `replaydesk-support-${name}`);
    input.setAttribute("aria-describedby", `${id}-error`);
    const error = h(doc, "p", { class: "error", id: `${id}-error`, hidden: "" });
    return { input, error, wrap: h(doc, "div", { class: "field" }, h(doc, "label", { for: id }, text), input, error) };
  }

  const formError = h(doc, "p", { class: "error", role: "alert", "data-testid": "replaydesk-support-error", hidden: "" });
  const submit = h(doc, "button", { type: "submit", "data-testid": "replaydesk-support-submit" }, t.send);
  const cancel = h(doc, "button", { type: "button", class: "secondary" }, t.cancel);
  const mode = api.sessionId() === null ? null : api._maskingMode();
  const form = h(
    doc,
    "form",
    { novalidate: "" },
    h(doc, "h2", { id: "rd-title" }, t.title),
    h(doc, "p", { id: "rd-desc" }, t.intro),
    ...(mode ? [h(doc, "p", { class: "note", "data-testid": "replaydesk-support-note" }, recordingNote(mode, t))] : []),
    fields.email.wrap,
    fields.subject.wrap,
    fields.message.wrap,
    formError,
    h(doc, "div", { class: "actions" }, cancel, submit),
  );

  const doneTitle = h(doc, "h2", { id: "rd-done-title", tabindex: "-1" }, t.sent);
  const ticketLink = h(doc, "a", { target: "_blank", rel: "noopener noreferrer", "data-testid": "replaydesk-support-ticket-link" });
  const closeDone = h(doc, "button", { type: "button" }, t.close);
  const done = h(
    doc,
    "div",
    { hidden: "", role: "status", "data-testid": "replaydesk-support-success" },
    doneTitle,
    h(doc, "p", {}, ...referenceParts(t, ticketLink)),
    h(doc, "div", { class: "actions" }, closeDone),
  );

  const dialog = h(doc, "dialog", { "aria-labelledby": "rd-title", "aria-describedby": "rd-desc", "data-testid": "replaydesk-support" }, form, done);
  root.append(dialog);
  doc.body.append(host);
  current = { dialog, first: fields.email.input };

  let closed = false;
  function close(): void {
    if (closed) return;
    closed = true;
    current = null;
    if (dialog.open && typeof dialog.close === "function") dialog.close();
    host.remove();
    // Back to where the customer was, as for any modal dialog.
    if (opener && opener.isConnected) opener.focus();
  }

  dialog.addEventListener("close", close);
  cancel.addEventListener("click", close);
  closeDone.addEventListener("click", close);
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      trapFocus(event);
    }
  });

  // Native modal dialogs already make the page inert; this keeps Tab cycling inside the dialog
  // (and is the only trap where <dialog> is not supported).
  function trapFocus(event: KeyboardEvent): void {
    const focusable = Array.from(dialog.querySelectorAll<HTMLElement>("input, textarea, button, a[href], [tabindex]")).filter(
      (el) => !el.closest("[hidden]") && !(el as HTMLButtonElement).disabled && el.tabIndex >= 0,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = root.activeElement;
    if (event.shiftKey && (active === first || !dialog.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  function showErrors(errors: Partial<Record<SupportField, string>>): HTMLElement | null {
    let firstInvalid: HTMLElement | null = null;
    for (const [name, f] of Object.entries(fields) as Array<[SupportField, Field]>) {
      const message = errors[name];
      f.error.textContent = message ?? "";
      f.error.hidden = !message;
      f.input.setAttribute("aria-invalid", message ? "true" : "false");
      if (message && !firstInvalid) firstInvalid = f.input;
    }
    return firstInvalid;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const input: TicketInput = {
      email: fields.email.input.value.trim(),
      subject: fields.subject.input.value.trim(),
      message: fields.message.input.value.trim(),
      ...(language ? { locale: language } : {}),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
    formError.hidden = true;
    const invalid = showErrors(validateSupportForm(input, t));
    if (invalid) {
      invalid.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t.sending;
    api.submitTicket(input).then(
      (result) => {
        if (closed) return;
        ticketLink.textContent = result.ticketId;
        // Only http(s) links: the URL comes from the network.
        if (/^https?:\/\//i.test(result.ticketUrl)) ticketLink.href = result.ticketUrl;
        form.hidden = true;
        done.hidden = false;
        doneTitle.focus();
      },
      (error: unknown) => {
        if (closed) return;
        submit.disabled = false;
        submit.textContent = t.send;
        // The server's message names the problem in English; other languages get their own text.
        const code = (error as { code?: unknown } | null)?.code;
        formError.textContent = code === "rate_limited" ? t.tooMany : lang === "en" && error instanceof Error && error.message ? error.message : t.failed;
        formError.hidden = false;
        submit.focus();
      },
    );
  });

  if (typeof dialog.showModal === "function") dialog.showModal();
  else {
    dialog.setAttribute("open", "");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.classList.add("fallback");
  }
  fields.email.input.focus();
}
