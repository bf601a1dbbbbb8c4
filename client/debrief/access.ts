// How the studio learns and keeps its keys: a debrief link carries the key in its fragment
// (`/debrief/<exerciseId>#key=<key>`), which the browser never sends to the server; the studio
// keeps it in this browser and sends it only in a request header.

/** The keys this browser remembers for the studio, newest first. */
export const REMEMBERED_KEYS_ITEM = 'deflect.debriefKeys';
/** At most this many exercises are remembered; the oldest go first. */
export const MAX_REMEMBERED = 50;

/** One exercise the studio may open: its id, a key that reads it, and its title as last seen. */
export interface RememberedKey {
  exerciseId: string;
  key: string;
  title: string;
}

/** What a pasted link or key names: the exercise (null for a bare key) and the key. */
export interface DebriefAddress {
  exerciseId: string | null;
  key: string;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,200}$/;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** The exercise a studio path names: `/debrief/<id>` → id; `/debrief` (the sessions list) → null. */
export function exerciseIdOfPath(pathname: string): string | null {
  const id = /^\/debrief\/([^/?#]+)\/?$/.exec(pathname)?.[1];
  if (id === undefined) return null;
  const decoded = safeDecode(id);
  return decoded !== null && ID_PATTERN.test(decoded) ? decoded : null;
}

/** The key a fragment carries (`#key=<key>`), or null. */
export function keyOfFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const key = params.get('key')?.trim() ?? '';
  return KEY_PATTERN.test(key) ? key : null;
}

/** A debrief link or a bare key as a person pasted it; null when it is neither. */
export function parseDebriefAddress(text: string): DebriefAddress | null {
  const trimmed = text.trim();
  if (KEY_PATTERN.test(trimmed)) return { exerciseId: null, key: trimmed };
  let url: URL;
  try {
    url = new URL(trimmed, 'http://studio.invalid');
  } catch {
    return null;
  }
  const key = keyOfFragment(url.hash);
  if (key === null) return null;
  return { exerciseId: exerciseIdOfPath(url.pathname), key };
}

/** The link that opens an exercise's studio with `key`: the key rides in the fragment, never in the query. */
export function debriefLink(origin: string, exerciseId: string, key: string): string {
  return `${origin}/debrief/${encodeURIComponent(exerciseId)}#key=${encodeURIComponent(key)}`;
}

/** `list` with `entry` first (replacing what it knew of the same exercise), at most MAX_REMEMBERED long. */
export function withRemembered(list: readonly RememberedKey[], entry: RememberedKey): RememberedKey[] {
  return [entry, ...list.filter((e) => e.exerciseId !== entry.exerciseId)].slice(0, MAX_REMEMBERED);
}

/** `list` without the exercises whose key is `key` (forgetting a key forgets every exercise it opened). */
export function withoutKey(list: readonly RememberedKey[], key: string): RememberedKey[] {
  return list.filter((e) => e.key !== key);
}

/** The remembered key for an exercise, or null. */
export function keyFor(list: readonly RememberedKey[], exerciseId: string): string | null {
  return list.find((e) => e.exerciseId === exerciseId)?.key ?? null;
}

/** The distinct keys of a list, in its order. */
export function distinctKeys(list: readonly RememberedKey[]): string[] {
  return [...new Set(list.map((e) => e.key))];
}

/** Reads the remembered keys; anything unreadable counts as none. */
export function loadRemembered(storage: Pick<Storage, 'getItem'> | null): RememberedKey[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(REMEMBERED_KEYS_ITEM) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (e): e is RememberedKey =>
        typeof e === 'object' && e !== null && typeof e.exerciseId === 'string' && typeof e.key === 'string' && typeof e.title === 'string' && KEY_PATTERN.test(e.key),
    );
  } catch {
    return [];
  }
}

/** Keeps the remembered keys (a browser that refuses storage keeps them for this page only). */
export function saveRemembered(storage: Pick<Storage, 'setItem'> | null, list: readonly RememberedKey[]): void {
  try {
    storage?.setItem(REMEMBERED_KEYS_ITEM, JSON.stringify(list));
  } catch {
    // Storage full or refused: the studio still works for this page.
  }
}

/** This browser's local storage, or null where it is refused. */
export function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
