// An error a visitor or customer can see (an approval or claim link, their account): the message
// is the English catalog's text, so API clients read it as before, and the key lets their page show
// it in their language (useErrorText, lib/i18n/client.ts). One text per message, in messages/*.json.
import en from "@/messages/en.json";
import { AppError, type ErrorCode } from "@/lib/errors";

export type CustomerErrorKey = keyof typeof en.errors;

export function customerError(code: ErrorCode, key: CustomerErrorKey): AppError {
  return new AppError(code, en.errors[key], undefined, key);
}
