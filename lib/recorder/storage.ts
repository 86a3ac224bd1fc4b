import { SDK_STORAGE_KEYS } from "./storage-keys";

// The subset of the Web Storage API the SDK uses; tests pass a fake and count the calls.
export type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export type GatedStorage = {
  get(key: string): string | null;
  set(key: string, value: string): boolean;
  remove(key: string): void;
  // Deletes every SDK key. Allowed without consent: deleting is what withdrawal requires.
  clear(): void;
};

// Consent gate in front of sessionStorage: without consent, get/set do not even touch the
// Storage object, so a bug elsewhere in the SDK cannot read or write the device before consent.
// Every call is also guarded because storage access throws in some privacy modes and on quota.
export function createGatedStorage(getStorage: () => StorageLike | null, isAllowed: () => boolean): GatedStorage {
  const storage = (): StorageLike | null => {
    try {
      return getStorage();
    } catch {
      return null;
    }
  };
  return {
    get(key) {
      if (!isAllowed()) return null;
      try {
        return storage()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      if (!isAllowed()) return false;
      try {
        const s = storage();
        if (!s) return false;
        s.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
    remove(key) {
      if (!isAllowed()) return;
      try {
        storage()?.removeItem(key);
      } catch {
        // Same as clear(): nothing more can be done.
      }
    },
    clear() {
      const s = storage();
      for (const key of SDK_STORAGE_KEYS) {
        try {
          s?.removeItem(key);
        } catch {
          // Nothing more can be done; the key could not have been written either.
        }
      }
    },
  };
}

// Real browser sessionStorage, looked up lazily: merely reading window.sessionStorage throws in
// some configurations, and the lookup must not happen before consent.
export function browserSessionStorage(): StorageLike | null {
  return typeof sessionStorage === "undefined" ? null : sessionStorage;
}
