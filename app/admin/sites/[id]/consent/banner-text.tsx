"use client";
import { useState } from "react";
import { BANNER_LANGUAGES, supportBannerText, type BannerDeployment, type BannerSite } from "@/lib/sites/banner-text";
import { CopyButton } from "../../../copy-button";

export function BannerText({ defaultName, site, deployment }: { defaultName: string; site: BannerSite; deployment: BannerDeployment }) {
  const [name, setName] = useState(defaultName);
  const [contact, setContact] = useState("");
  const texts = supportBannerText({ name, contact }, site, deployment);
  return (
    <>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="publisher-name">Publisher&apos;s name</label>
          <input id="publisher-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="privacy-contact">Privacy contact</label>
          <input id="privacy-contact" value={contact} placeholder="privacy@example.com" onChange={(e) => setContact(e.target.value)} aria-describedby="privacy-contact-hint" />
          <p id="privacy-contact-hint" className="hint">Where visitors write to exercise their rights (an address or a link to your privacy notice).</p>
        </div>
      </div>
      <p className="hint">
        Each language has its version. Send the one of the text the visitor is shown as <code>bannerVersion</code> (<code>Replaydesk.init(&#123; siteKey, bannerVersion &#125;)</code> before <code>setConsent</code>): each consent proof then
        names the text the visitor saw, and the compliance record warns when visitors consent to a text that no longer describes this site&apos;s settings.
        The version changes whenever the text does.
      </p>
      {BANNER_LANGUAGES.map((lang) => {
        const t = texts[lang];
        const full = [t.label, t.text, ...t.details].join("\n\n");
        return (
          <div key={lang} lang={lang}>
            <h3>{lang === "en" ? "English" : "Français"}</h3>
            <p lang="en">
              Version of this text: <code data-testid={`banner-version-${lang}`}>{t.version}</code>{" "}
              <CopyButton text={t.version} label={lang === "en" ? "Copy the English version" : "Copy the French version"} />
            </p>
            <pre data-testid={`banner-${lang}`}>{full}</pre>
            <CopyButton text={full} label={lang === "en" ? "Copy the English text" : "Copier le texte français"} />
          </div>
        );
      })}
      <p className="hint">
        The first paragraph is the recommendation&apos;s wording (French: our translation); the others say what this site does with its settings as they are now:
        when a visit is sent, what stays masked, who receives it, how long it is kept, the visitor&apos;s rights and how to withdraw. Show them on the banner&apos;s first
        or second level, with a &quot;Privacy settings&quot; link on every page.
      </p>
    </>
  );
}
