// Versioned records in this browser's localStorage, shared by the site's browser modules.
// Keys start "selfcheck:"; values are JSON objects {"v": 1, ...}. A value that cannot be read,
// fails its check or comes from another version is removed and reported, never left to break
// a page. Callers decide what they keep; nothing a reader types belongs here.

export const VERSION = 1;

/** One record: load() gives {value, reset}; save(data) stores {v, ...data}; clear() removes it; key is its key. */
export function record(key, isValid) {
  let storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(key);
  } catch {
    storage = null; // blocked (some private modes, policies): the site works, it just remembers nothing
  }
  const clear = () => {
    try {
      if (storage) storage.removeItem(key);
    } catch {
      // nothing to remove
    }
  };
  return {
    key,
    available: storage !== null,
    load() {
      const raw = storage ? storage.getItem(key) : null;
      if (raw === null) return { value: null, reset: false };
      try {
        const value = JSON.parse(raw);
        if (value && typeof value === "object" && value.v === VERSION && isValid(value)) {
          return { value, reset: false };
        }
      } catch {
        // unreadable: removed below
      }
      clear();
      return { value: null, reset: true };
    },
    save(data) {
      if (!storage) return false;
      try {
        storage.setItem(key, JSON.stringify({ v: VERSION, ...data }));
        return true;
      } catch {
        return false; // storage full or blocked
      }
    },
    clear,
  };
}

/** True for a plain object (not null, not an array). */
export function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The keys of this browser's records that start with ``prefix`` (none when storage is blocked). */
export function keysWith(prefix) {
  try {
    return Object.keys(window.localStorage).filter((key) => key.startsWith(prefix));
  } catch {
    return [];
  }
}

/** A record's stored text as it is, unchecked (null when absent or storage is blocked). */
export function rawValue(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}
