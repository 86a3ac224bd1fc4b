"use client";
import { useState } from "react";
import { supportBannerText, type BannerSite } from "@/lib/sites/banner-text";
import { CopyButton } from "../../../copy-button";

export function BannerText({ defaultName, site }: { defaultName: string; site: BannerSite }) {
  const [name, setName] = useState(defaultName);
  const texts = supportBannerText(name, site);
  return (
    <>
      <div className="field">
        <label htmlFor="publisher-name">Publisher&apos;s name</label>
        <input id="publisher-name" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      {(["en", "fr"] as const).map((lang) => {
        const t = texts[lang];
        const full = `${t.label}\n${t.text}\n\n${t.details}`;
        return (
          <div key={lang} lang={lang}>
            <h3>{lang === "en" ? "English" : "Français"}</h3>
            <pre data-testid={`banner-${lang}`}>{full}</pre>
            <CopyButton text={full} label={lang === "en" ? "Copy the English text" : "Copier le texte français"} />
          </div>
        );
      })}
      <p className="hint">The first paragraph is the recommendation&apos;s wording (French: our translation); the second describes this site&apos;s settings as they are now.</p>
    </>
  );
}
