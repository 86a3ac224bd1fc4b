// Bundle entry of public/sdk/replaydesk-vault.js, loaded by the recorder only on M1/M2 sites with a
// vault key: sealing the unmasked copy (lib/crypto/seal.ts) is no part of what M3 sites download.
// What it seals is already scrubbed (S1) by the recorder.
import { sealBytes, toBase64 } from "../crypto/seal";

window.Replaydesk?._attachVault({ seal: async (publicKey, plaintext) => toBase64(await sealBytes(publicKey, plaintext)) });
