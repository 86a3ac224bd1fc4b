// The support dialog's own catalog (the SDK does not load messages/*.json: the site's page must
// stay light). Same keys and {placeholders} in every language, checked by
// tests/unit/i18n/catalogs.test.ts with the app's catalogs. Chosen from navigator.language.
const en = {
  title: "Contact support",
  intro: "Tell us what went wrong. We will answer by e-mail.",
  email: "Your e-mail address",
  subject: "Subject",
  message: "What went wrong?",
  send: "Send",
  sending: "Sending…",
  cancel: "Cancel",
  close: "Close",
  sent: "Request sent",
  reference: "Thank you. Your request reference is {ref}. We will answer by e-mail.",
  failed: "The request could not be sent. Please try again.",
  tooMany: "Too many requests from this page. Wait a moment, then try again.",
  noteMasked: "To help us understand the problem, this request will be linked to a recording of your recent visit to this site, with personal data masked. Our team can view it only after you approve.",
  noteSealedM1: "An unmasked copy is also kept, sealed; it can be opened only after you approve and a supervisor checks the request. Passwords and card numbers are never recorded.",
  noteSealedM2: "An unmasked copy is also kept, sealed; it can be opened only after you approve. Passwords and card numbers are never recorded.",
  emailMissing: "Enter your e-mail address.",
  emailInvalid: "Enter an e-mail address like name@example.com.",
  subjectShort: "Enter a subject of at least {n} characters.",
  subjectLong: "Keep the subject under {n} characters.",
  messageMissing: "Describe the problem.",
  messageLong: "Keep the message under {n} characters.",
};

export type SupportMessages = typeof en;

const fr: SupportMessages = {
  title: "Contacter le support",
  intro: "Dites-nous ce qui ne va pas. Nous vous répondrons par e-mail.",
  email: "Votre adresse e-mail",
  subject: "Objet",
  message: "Que s’est-il passé ?",
  send: "Envoyer",
  sending: "Envoi…",
  cancel: "Annuler",
  close: "Fermer",
  sent: "Demande envoyée",
  reference: "Merci. La référence de votre demande est {ref}. Nous vous répondrons par e-mail.",
  failed: "La demande n’a pas pu être envoyée. Veuillez réessayer.",
  tooMany: "Trop de demandes depuis cette page. Patientez un instant, puis réessayez.",
  noteMasked: "Pour nous aider à comprendre le problème, cette demande sera liée à un enregistrement de votre visite récente sur ce site, avec les données personnelles masquées. Notre équipe ne peut le voir qu’après votre accord.",
  noteSealedM1: "Une copie non masquée est aussi conservée, scellée ; elle ne peut être ouverte qu’après votre accord et la vérification de la demande par un superviseur. Les mots de passe et les numéros de carte ne sont jamais enregistrés.",
  noteSealedM2: "Une copie non masquée est aussi conservée, scellée ; elle ne peut être ouverte qu’après votre accord. Les mots de passe et les numéros de carte ne sont jamais enregistrés.",
  emailMissing: "Saisissez votre adresse e-mail.",
  emailInvalid: "Saisissez une adresse e-mail comme nom@exemple.fr.",
  subjectShort: "Saisissez un objet d’au moins {n} caractères.",
  subjectLong: "L’objet doit faire moins de {n} caractères.",
  messageMissing: "Décrivez le problème.",
  messageLong: "Le message doit faire moins de {n} caractères.",
};

export const SUPPORT_CATALOGS = { en, fr };

// The dialog's language: French for any fr-* browser, English otherwise.
export function supportLanguage(tag: string | undefined): keyof typeof SUPPORT_CATALOGS {
  return /^fr\b/i.test(tag ?? "") ? "fr" : "en";
}

// "{n}" → the value: the only placeholder syntax the SDK needs (no ICU runtime in the page).
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
