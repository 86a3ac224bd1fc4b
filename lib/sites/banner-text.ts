// The information to show in the consent banner for the support purpose (recommendation 5.2,
// second level of information), prefilled with the publisher's name. Pure: the consent page
// renders it and lets the admin change the name before copying.

import { UNTRIGGERED_RETENTION_MINUTES as KEPT } from "@/lib/retention/policy";

export type BannerText = { label: string; text: string; details: string };

export type BannerSite = { retentionHours: number; recordingMode: string; triggers: string[] };

export function supportBannerText(publisher: string, site: BannerSite): { en: BannerText; fr: BannerText } {
  const name = publisher.trim() || "[Publisher name]";
  const onError = site.triggers.includes("error");
  const hours = site.retentionHours;
  const sent =
    site.recordingMode === "stream"
      ? { en: `Your session is recorded and kept for ${KEPT} minutes after it ends, longer only if you ask for help.`, fr: `Votre session est enregistrée et conservée ${KEPT} minutes après sa fin, plus longtemps seulement si vous demandez de l'aide.` }
      : onError
        ? { en: "Your session is recorded on your device and sent to us only if you ask for help or an error occurs.", fr: "Votre session est enregistrée sur votre appareil et ne nous est envoyée que si vous demandez de l'aide ou si une erreur survient." }
        : { en: "Your session is recorded on your device and sent to us only if you ask for help.", fr: "Votre session est enregistrée sur votre appareil et ne nous est envoyée que si vous demandez de l'aide." };
  return {
    en: {
      label: "Support and assistance",
      // The recommendation's wording for the support purpose.
      text: `${name} uses trackers (user journey recording tools) to reproduce the session(s) of certain users who have encountered a problem while browsing the site, in order to respond to requests that the ${name} teams may receive.`,
      details: `${sent.en} Passwords and card numbers are never recorded and what you type is masked. Our support team sees a recording only after you approve it by email, and it is deleted ${hours} hour(s) after your session ends, or as soon as your request is closed.`,
    },
    fr: {
      label: "Support et assistance",
      // Our translation of the same wording (the CNIL's French text prevails where it differs).
      text: `${name} utilise des traceurs (outils d'enregistrement des parcours utilisateurs) pour reproduire la ou les session(s) de certains utilisateurs ayant rencontré un problème lors de leur navigation sur le site, afin de répondre aux demandes que les équipes de ${name} sont susceptibles de recevoir.`,
      details: `${sent.fr} Les mots de passe et numéros de carte ne sont jamais enregistrés et ce que vous saisissez est masqué. Notre équipe support ne voit un enregistrement qu'après votre accord par e-mail, et il est supprimé ${hours} heure(s) après la fin de votre session, ou dès que votre demande est close.`,
    },
  };
}
