import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { checkPseudonymSignature, parsePseudonymSecret, pseudonymSignature } from "@/lib/crypto/pseudonym";

// Security M1: the publisher's backend signs pseudonyms with the site's secret. The server's check
// (lib/crypto/pseudonym.ts), the copyable Node.js helper (lib/crypto/publisher-pseudonym.mjs) and
// the Node.js and Python blocks of docs/sdk.md must all agree on these fixed vectors, which the
// docs print too. (The PHP block is not run: PHP is not installed on these machines.)

const SECRET = "rdps_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
const VECTORS = [
  { siteKey: "pk_TestVectorSite0001", userId: "customer-42", expires: 1893456000, pseudonym: "ps_YehuS9NUiNZwBOYcecYwnw", signature: "1893456000.OpWdyzGE6HiJpjU1JQ9hM3SNFZQz9MdiOjDWRLKZddQ" },
  { siteKey: "pk_TestVectorSite0001", userId: "Zoë 🌍", expires: 1893456000, pseudonym: "ps_RVu3vbV_MkcqLae8iJDLRA", signature: "1893456000.LKXVBOeRdb5ns0fyLoEz_30Ng2do-HjTVw4fdoeaAqk" },
  { siteKey: "pk_OtherVectorSite002", userId: "customer-42", expires: 1767225600, pseudonym: "ps_YehuS9NUiNZwBOYcecYwnw", signature: "1767225600.cB71lnbVVxbPaequhfgIjLtwjHByQAJQhJkL79jIUH8" },
];

const root = path.resolve(import.meta.dirname, "../../..");
const sdkDoc = readFileSync(path.join(root, "docs/sdk.md"), "utf8");
const helperFile = path.join(root, "lib/crypto/publisher-pseudonym.mjs");

// The fenced block right after `<!-- snippet:<name> -->` in docs/sdk.md.
function docSnippet(name: string): string {
  const match = new RegExp(`<!-- snippet:${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(sdkDoc);
  if (!match) throw new Error(`docs/sdk.md has no ${name} snippet`);
  return match[1]!;
}

type Signed = { pseudonym: string; signature: string };
async function nodeHelper(file: string): Promise<(secret: string, siteKey: string, userId: string, expires: number) => Signed> {
  const mod = (await import(pathToFileURL(file).href)) as { replaydeskUser?: unknown };
  if (typeof mod.replaydeskUser !== "function") throw new Error(`${file} exports no replaydeskUser`);
  const fn = mod.replaydeskUser as (...args: unknown[]) => Signed;
  return (...args) => fn(...args);
}

const codeLines = (text: string) => text.split("\n").filter((l) => l.trim() && !l.trim().startsWith("//"));

describe("signed pseudonyms: one algorithm in every language (test vectors)", () => {
  it("docs/sdk.md prints exactly these vectors", () => {
    const after = sdkDoc.slice(sdkDoc.indexOf("<!-- test-vectors -->")).split("\n").slice(1);
    const table = after.slice(0, after.findIndex((l) => !l.startsWith("|"))).filter((l) => l.startsWith("| `"));
    const rows = table.map((l) => l.split("|").slice(1, -1).map((c) => c.trim().replace(/^`|`$/g, "")));
    expect(rows).toEqual(VECTORS.map((v) => [v.siteKey, v.userId, String(v.expires), v.pseudonym, v.signature]));
    expect(sdkDoc).toContain(`secret \`${SECRET}\``);
  });

  it("the server's signature check agrees", () => {
    const key = parsePseudonymSecret(SECRET);
    for (const v of VECTORS) {
      expect(pseudonymSignature(key, v.siteKey, v.pseudonym, v.expires)).toBe(v.signature);
      expect(checkPseudonymSignature(key, v.siteKey, v.pseudonym, v.signature, v.expires - 3600)).toBe("valid");
    }
  });

  it("the Node.js helper and the Node.js block of the docs are the same code and give the vectors", async () => {
    expect(codeLines(docSnippet("node"))).toEqual(codeLines(readFileSync(helperFile, "utf8")));
    const dir = mkdtempSync(path.join(os.tmpdir(), "rd-snippet-"));
    const docFile = path.join(dir, "doc-snippet.mjs");
    writeFileSync(docFile, docSnippet("node"));
    for (const helper of [await nodeHelper(helperFile), await nodeHelper(docFile)]) {
      for (const v of VECTORS) expect(helper(SECRET, v.siteKey, v.userId, v.expires)).toEqual({ pseudonym: v.pseudonym, signature: v.signature });
      expect(() => helper("rdps_short", "pk_TestVectorSite0001", "u", 1)).toThrow();
      expect(() => helper(SECRET, "pk_TestVectorSite0001", "", 1)).toThrow();
    }
  });

  it("the Python block of the docs gives the vectors (python3)", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "rd-snippet-"));
    const file = path.join(dir, "snippet.py");
    writeFileSync(
      file,
      `${docSnippet("python")}\n\nimport json, sys\ncases = json.load(sys.stdin)\nprint(json.dumps([replaydesk_user(c["secret"], c["siteKey"], c["userId"], c["expires"]) for c in cases]))\n`,
    );
    const out = execFileSync("python3", [file], { input: JSON.stringify(VECTORS.map((v) => ({ ...v, secret: SECRET }))), encoding: "utf8" });
    expect(JSON.parse(out)).toEqual(VECTORS.map((v) => ({ pseudonym: v.pseudonym, signature: v.signature })));
    expect(() => execFileSync("python3", ["-c", `${docSnippet("python")}\nreplaydesk_user("rdps_short", "pk_x", "u", 1)`], { stdio: "pipe" })).toThrow();
  });
});
