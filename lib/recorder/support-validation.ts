import {
  MAX_TICKET_EMAIL_LENGTH,
  MAX_TICKET_MESSAGE_LENGTH,
  MAX_TICKET_SUBJECT_LENGTH,
  MIN_TICKET_SUBJECT_LENGTH,
} from "../replay/protocol";
import type { TicketInput } from "./types";
import { SUPPORT_CATALOGS, fill, type SupportMessages } from "./support-messages";

export type SupportField = "email" | "subject" | "message";
export type SupportErrors = Partial<Record<SupportField, string>>;

// Deliberately loose: the server validates again; this only catches typos early with a message
// that says how to fix them.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateSupportForm(input: TicketInput, t: SupportMessages = SUPPORT_CATALOGS.en): SupportErrors {
  const errors: SupportErrors = {};
  const email = input.email.trim();
  if (!email) errors.email = t.emailMissing;
  else if (email.length > MAX_TICKET_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    errors.email = t.emailInvalid;
  }
  const subject = input.subject.trim();
  if (subject.length < MIN_TICKET_SUBJECT_LENGTH) errors.subject = fill(t.subjectShort, { n: MIN_TICKET_SUBJECT_LENGTH });
  else if (subject.length > MAX_TICKET_SUBJECT_LENGTH) errors.subject = fill(t.subjectLong, { n: MAX_TICKET_SUBJECT_LENGTH });
  const message = input.message.trim();
  if (!message) errors.message = t.messageMissing;
  else if (message.length > MAX_TICKET_MESSAGE_LENGTH) errors.message = fill(t.messageLong, { n: MAX_TICKET_MESSAGE_LENGTH });
  return errors;
}
