// The information to show in the consent banner for the support purpose (recommendation 5.2:
// the purpose's label and description, supplemented with what Art. 13 asks: recipients,
// retention, rights, withdrawal), generated from the site's live settings so that it says what
// this site actually does (privacy point 9). Pure and browser-safe: the consent page renders it
// as the admin types the publisher's name and contact, the compliance record checks consent
// proofs against its version.

import { UNTRIGGERED_RETENTION_MINUTES as KEPT } from "@/lib/retention/policy";

export type BannerSite = {
  maskingMode: string;
  recordingMode: string;
  triggers: string[];
  bufferMinutes: number;
  retentionHours: number;
  closeGraceMinutes: number;
  // The site shows some page elements unmasked (unmask selectors).
  unmasksElements: boolean;
};

// Facts of the deployment, not of the site: who runs Replaydesk (HOSTED_BY; null when the
// publisher runs it itself) and how long consent records are kept (CONSENT_RETENTION_DAYS).
export type BannerDeployment = { hostedBy: string | null; consentRetentionDays: number };

export type BannerPublisher = { name: string; contact: string };

// Each language has its own version: a consent proof names the text the visitor actually read.
type BannerWords = { label: string; text: string; details: string[] };
export type BannerText = BannerWords & { version: string };
export type BannerTexts = Record<Lang, BannerText>;

const NAME_PLACEHOLDER = "[Publisher name]";
const CONTACT_PLACEHOLDER = { en: "[privacy contact: email or postal address]", fr: "[contact vie privée : e-mail ou adresse postale]" };

export type Lang = "en" | "fr";
export const BANNER_LANGUAGES: readonly Lang[] = ["en", "fr"];

const WHEN: Record<Lang, Record<string, string>> = {
  en: {
    ticket: "if you ask for help with the support form",
    manual: "if the site reports a problem for you (for example with a “Report a problem” button)",
    error: "if an error occurs on the page",
    code: "if you ask for a support code to give our support team",
  },
  fr: {
    ticket: "si vous demandez de l'aide avec le formulaire d'assistance",
    manual: "si le site signale un problème pour vous (par exemple avec un bouton « Signaler un problème »)",
    error: "si une erreur survient sur la page",
    code: "si vous demandez un code d'assistance à communiquer à notre support",
  },
};

function either(items: string[], lang: Lang): string {
  const or = lang === "en" ? " or " : " ou ";
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")}${or}${items.at(-1)}`;
}

function details(lang: Lang, name: string, contact: string, site: BannerSite, deployment: BannerDeployment): string[] {
  const when = either(site.triggers.filter((t) => WHEN[lang][t]).map((t) => WHEN[lang][t]!), lang);
  const hours = site.retentionHours;
  const days = deployment.consentRetentionDays;
  if (lang === "en") {
    const except = site.unmasksElements ? `, except page elements ${name} marked as not personal (such as product names)` : "";
    const collected =
      site.recordingMode === "stream"
        ? `Your visit is sent to ${name} while you browse, and kept only ${when}; otherwise it is deleted ${KEPT} minutes after your visit ends.`
        : `Your visit is recorded in your browser, which keeps only its last ${site.bufferMinutes} minute(s); it is sent to ${name} only ${when}.`;
    const masking = {
      M3: `Everything you type or read on the pages is masked in your browser and never collected${except}. Passwords and payment card details are never recorded.`,
      M1: `What you type or read is masked in the recording ${name}'s support team can be shown${except}. An unmasked copy is also kept, sealed (encrypted, unreadable as it is): a support agent can see it only after you approve it by email and another member of ${name}'s staff validates the request. Passwords and payment card details are never recorded, in either copy.`,
      M2: `What you type or read is masked in the recording ${name}'s support team can be shown${except}. An unmasked copy is also kept, sealed under the key of an independent custodian: a support agent can see it only after you approve it by email and the custodian accepts the agent's reason. Passwords and payment card details are never recorded, in either copy.`,
    }[site.maskingMode] ?? "";
    return [
      collected,
      masking,
      `Nobody at ${name} sees a recording before you approve it by email; the approval names the one agent who asked, and you can withdraw it at any time.`,
      `Who receives it: ${name}'s support staff (only the agent you approve sees your recording)${deployment.hostedBy ? `; ${deployment.hostedBy}, which runs the support tool for ${name} as its processor` : ""}; the email service that delivers our messages to you.`,
      `A recording is deleted ${hours} hour${hours === 1 ? "" : "s"} after your visit ends, or ${site.closeGraceMinutes === 0 ? "as soon as" : `${site.closeGraceMinutes} minutes after`} your request is closed. Your consent choice is kept ${days} days as proof, without your visit.`,
      `You can ask ${name} for a copy of your data or its deletion, or object to its use: on your support request's page (where you can also watch your own recording and see who viewed it), or by writing to ${contact}.`,
      "You can withdraw your consent at any time, as easily as you gave it, with the “Privacy settings” link on every page: recording stops at once, what the recorder kept in your browser is erased, and the recording of your current visit is deleted.",
    ];
  }
  const except = site.unmasksElements ? `, sauf les éléments que ${name} a marqués comme non personnels (noms de produits, par exemple)` : "";
  const collected =
    site.recordingMode === "stream"
      ? `Votre visite est envoyée à ${name} pendant votre navigation, et n'est conservée que ${when} ; sinon elle est supprimée ${KEPT} minutes après la fin de votre visite.`
      : `Votre visite est enregistrée dans votre navigateur, qui n'en garde que les ${site.bufferMinutes} dernière(s) minute(s) ; elle n'est envoyée à ${name} que ${when}.`;
  const masking = {
    M3: `Tout ce que vous saisissez ou lisez sur les pages est masqué dans votre navigateur et n'est jamais collecté${except}. Les mots de passe et les données de carte bancaire ne sont jamais enregistrés.`,
    M1: `Ce que vous saisissez ou lisez est masqué dans l'enregistrement que l'équipe support de ${name} peut voir${except}. Une copie non masquée est aussi conservée, scellée (chiffrée, illisible en l'état) : un agent ne peut la voir qu'après votre accord par e-mail et la validation de la demande par un autre membre du personnel de ${name}. Les mots de passe et les données de carte bancaire ne sont jamais enregistrés, dans aucune des deux copies.`,
    M2: `Ce que vous saisissez ou lisez est masqué dans l'enregistrement que l'équipe support de ${name} peut voir${except}. Une copie non masquée est aussi conservée, scellée sous la clé d'un dépositaire indépendant : un agent ne peut la voir qu'après votre accord par e-mail et l'acceptation de son motif par le dépositaire. Les mots de passe et les données de carte bancaire ne sont jamais enregistrés, dans aucune des deux copies.`,
  }[site.maskingMode] ?? "";
  return [
    collected,
    masking,
    `Personne chez ${name} ne voit un enregistrement avant votre accord par e-mail ; l'accord désigne le seul agent qui l'a demandé, et vous pouvez le retirer à tout moment.`,
    `Destinataires : l'équipe support de ${name} (seul l'agent que vous acceptez voit votre enregistrement)${deployment.hostedBy ? ` ; ${deployment.hostedBy}, qui exploite l'outil de support pour ${name} en tant que sous-traitant` : ""} ; le service d'e-mail qui vous achemine nos messages.`,
    `Un enregistrement est supprimé ${hours} heure${hours === 1 ? "" : "s"} après la fin de votre visite, ou ${site.closeGraceMinutes === 0 ? "dès que" : `${site.closeGraceMinutes} minutes après que`} votre demande est close. Votre choix de consentement est conservé ${days} jours comme preuve, sans votre visite.`,
    `Vous pouvez demander à ${name} une copie de vos données ou leur suppression, ou vous opposer à leur utilisation : sur la page de votre demande d'assistance (où vous pouvez aussi revoir votre propre enregistrement et voir qui l'a consulté), ou en écrivant à ${contact}.`,
    "Vous pouvez retirer votre consentement à tout moment, aussi facilement que vous l'avez donné, avec le lien « Paramètres de confidentialité » présent sur chaque page : l'enregistrement s'arrête aussitôt, ce que l'enregistreur gardait dans votre navigateur est effacé et l'enregistrement de votre visite en cours est supprimé.",
  ];
}

function texts(name: string, contact: Record<Lang, string>, site: BannerSite, deployment: BannerDeployment): Record<Lang, BannerWords> {
  return {
    en: {
      label: "Support and assistance",
      // The recommendation's wording for the support purpose.
      text: `${name} uses trackers (user journey recording tools) to reproduce the session(s) of certain users who have encountered a problem while browsing the site, in order to respond to requests that the ${name} teams may receive.`,
      details: details("en", name, contact.en, site, deployment),
    },
    fr: {
      label: "Support et assistance",
      // Our translation of the same wording (the CNIL's French text prevails where it differs).
      text: `${name} utilise des traceurs (outils d'enregistrement des parcours utilisateurs) pour reproduire la ou les session(s) de certains utilisateurs ayant rencontré un problème lors de leur navigation sur le site, afin de répondre aux demandes que les équipes de ${name} sont susceptibles de recevoir.`,
      details: details("fr", name, contact.fr, site, deployment),
    },
  };
}

// FNV-1a, 32 bits: a version label, not a security device (nothing is authenticated by it).
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

const VERSION_PREFIX = "rd1-";

// Per language, "rd1-<what the text says>-<whose text it is>": the first part changes with the
// settings the text describes or the template's wording in that language, the second with the
// publisher's name or contact typed on the consent page. The compliance record compares the first
// part only, since it cannot know what name the admin typed.
export function supportBannerText(publisher: BannerPublisher, site: BannerSite, deployment: BannerDeployment): BannerTexts {
  const name = publisher.name.trim() || NAME_PLACEHOLDER;
  const contact = publisher.contact.trim();
  const shown = texts(name, contact ? { en: contact, fr: contact } : CONTACT_PLACEHOLDER, site, deployment);
  const generic = texts(NAME_PLACEHOLDER, CONTACT_PLACEHOLDER, site, deployment);
  const whose = fnv1a(`${name}\n${contact}`).slice(0, 4);
  const versioned = (lang: Lang): BannerText => ({ ...shown[lang], version: `${VERSION_PREFIX}${fnv1a(JSON.stringify(generic[lang]))}-${whose}` });
  return { en: versioned("en"), fr: versioned("fr") };
}

// The part of a banner version that says what the text says, when `version` is one of ours.
export function bannerContentVersion(version: string): string | null {
  const m = /^rd1-([0-9a-f]{8})-[0-9a-f]{4}$/.exec(version);
  return m ? m[1]! : null;
}
