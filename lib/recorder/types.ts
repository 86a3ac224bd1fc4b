import type { MaskingMode, UserRef } from "../replay/protocol";

export type InitOptions = {
  siteKey: string;
  // Origin of the Replaydesk API; defaults to the origin of the loader script's src.
  endpoint?: string;
  // Recording consent as already known by the site's CMP; false (the default) until it says yes.
  consent?: boolean;
  // Prefer { pseudonym } computed on the publisher's backend (I2).
  user?: UserRef;
  // Version of the consent banner text, kept with the proof of consent.
  bannerVersion?: string;
};

// locale: the browser's language (a BCP 47 tag); timeZone: its IANA zone. Both optional: the
// account created for a new address starts with them.
export type TicketInput = { email: string; subject: string; message: string; locale?: string; timeZone?: string };
export type TicketResult = { ticketId: string; ticketUrl: string };

// window.Replaydesk, defined by the loader.
export type ReplaydeskApi = {
  init(options: InitOptions): void;
  setConsent(granted: boolean): void;
  trigger(reason?: string): Promise<{ sessionId: string | null }>;
  submitTicket(input: TicketInput): Promise<TicketResult>;
  // Uploads the session (trigger "code") and resolves to a code such as "RD-7KQ2-M9XF" for the
  // customer to give support; null without consent, recording or the site's "code" trigger.
  supportCode(): Promise<string | null>;
  openSupport(): void;
  sessionId(): string | null;
  // Internal: what the current recording collects (null: no recording), for the support dialog.
  _maskingMode(): MaskingMode | null;
  // Internal: the lazily loaded bundles register themselves here.
  _attach(factory: RecorderFactory): void;
  _attachSupport(open: (api: ReplaydeskApi) => void): void;
  _attachVault(vault: VaultSealer): void;
  // Internal: the sealing bundle (M1/M2 sites only), loaded on the first call; null if it cannot be.
  _loadVault(): Promise<VaultSealer | null>;
};

// replaydesk-vault.js: seals the unmasked copy to the site's vault key (lib/crypto/seal.ts), base64.
export type VaultSealer = { seal(publicKey: string, plaintext: Uint8Array): Promise<string> };

// What the loader hands to the recorder bundle once consent is given.
export type RecorderContext = {
  siteKey: string;
  endpoint: string;
  user?: UserRef;
  bannerVersion?: string;
};

// The recorder bundle's side of the contract with the loader.
export type RecorderRuntime = {
  // true starts (idempotent); false withdraws: stop, drop, delete storage, tell the server.
  setConsent(granted: boolean): void;
  trigger(reason: string, kind: "manual" | "ticket" | "code"): Promise<{ sessionId: string | null }>;
  sessionId(): string | null;
  maskingMode(): MaskingMode | null;
};

export type RecorderFactory = (context: RecorderContext) => RecorderRuntime;
