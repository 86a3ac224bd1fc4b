import {
  MAX_TICKET_EMAIL_LENGTH,
  MAX_TICKET_MESSAGE_LENGTH,
  MAX_TICKET_SUBJECT_LENGTH,
  MIN_TICKET_SUBJECT_LENGTH,
} from "../replay/protocol";
import type { TicketInput } from "./types";

export type SupportField = keyof TicketInput;
export type SupportErrors = Partial<Record<SupportField, string>>;

// Deliberately loose: the server validates again; this only catches typos early with a message
// that says how to fix them.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateSupportForm(input: TicketInput): SupportErrors {
  const errors: SupportErrors = {};
  const email = input.email.trim();
  if (!email) errors.email = "Enter your e-mail address.";
  else if (email.length > MAX_TICKET_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    errors.email = "Enter an e-mail address like name@example.com.";
  }
  const subject = input.subject.trim();
  if (subject.length < MIN_TICKET_SUBJECT_LENGTH) errors.subject = `Enter a subject of at least ${MIN_TICKET_SUBJECT_LENGTH} characters.`;
  else if (subject.length > MAX_TICKET_SUBJECT_LENGTH) errors.subject = `Keep the subject under ${MAX_TICKET_SUBJECT_LENGTH} characters.`;
  const message = input.message.trim();
  if (!message) errors.message = "Describe the problem.";
  else if (message.length > MAX_TICKET_MESSAGE_LENGTH) errors.message = `Keep the message under ${MAX_TICKET_MESSAGE_LENGTH} characters.`;
  return errors;
}
