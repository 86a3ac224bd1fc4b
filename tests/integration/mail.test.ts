import { mkdtempSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { startMailCatcher } from "@/lib/mail/catcher";
import { signInEmail } from "@/lib/mail/templates/sign-in";

describe("mail catcher (a real SMTP server on loopback)", () => {
  it("receives a sign-in email over SMTP with its text and HTML parts", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "rd-mail-"));
    const port = 2700 + Math.floor(Math.random() * 200);
    const catcher = await startMailCatcher({ port, dir });
    try {
      const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
      const url = "http://localhost:3000/api/auth/callback/email?token=abc&email=a%40b.test";
      await transport.sendMail({ from: "desk@test.example", to: "a@b.test", ...signInEmail({ url, minutes: 15, locale: "fr" }) });
      const [file] = await readdir(dir);
      const parsed = await simpleParser(await readFile(path.join(dir, file!)));
      expect(parsed.subject).toBe("Votre lien de connexion Replaydesk");
      expect(parsed.text).toContain(url);
      expect(parsed.html).toContain("callback/email?token=abc&#38;email=a%40b.test");
    } finally {
      await catcher.close();
    }
  });
});
