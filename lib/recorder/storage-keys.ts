// Every key the SDK may write, all in sessionStorage (never cookies, localStorage or IndexedDB),
// and only after consent. Kept in one list so that withdrawal removes exactly what was written.
export const SESSION_KEY = "replaydesk.session";
export const BUFFER_KEY = "replaydesk.buffer";
export const SDK_STORAGE_KEYS = [SESSION_KEY, BUFFER_KEY] as const;
