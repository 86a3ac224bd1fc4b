// The message catalogs, one JSON file per language in messages/ (namespaced by page or component).
// Imported statically so server code, scripts and tests read the same files the pages do.
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import type { Locale } from "@/lib/i18n/locales";

export type Messages = typeof en;

export const CATALOGS: Record<Locale, Messages> = { en, fr };
