// The scenario preview's HTTP calls: the list, a scenario's YAML source, the upload. The admin
// key goes in a header, never in the address, so it does not land in a server's or proxy's log.
import type { Finding } from '../../shared/authoring/check.js';
import type { HttpError, ScenarioListResponse, ScenarioSummary } from '../../shared/protocol.js';

/** The server's answer to an upload, in the words the page shows. */
export type UploadAnswer =
  | { ok: true; id: string; title: string; replaced: boolean; warningCount: number }
  | { ok: false; status: number; code: string | null; message: string; details: string[]; findings: Finding[] };

const unreachable = (e: unknown) => `Could not reach the Deflect server (${(e as Error).message}).`;

async function errorOf(res: Response): Promise<{ code: string | null; message: string; details: string[]; findings: Finding[] }> {
  const body = (await res.json().catch(() => null)) as (HttpError & { findings?: Finding[] }) | null;
  return {
    code: body?.error?.code ?? null,
    message: body?.error?.message ?? `The server answered ${res.status}.`,
    details: body?.error?.details ?? [],
    findings: body?.findings ?? [],
  };
}

/** The scenarios the server lists (bundled and uploaded). */
export async function fetchScenarioList(): Promise<ScenarioSummary[]> {
  const res = await fetch('/api/scenarios', { credentials: 'omit', cache: 'no-store' });
  if (!res.ok) throw new Error((await errorOf(res)).message);
  return ((await res.json()) as ScenarioListResponse).scenarios;
}

/** A listed scenario's YAML text; an uploaded one needs the admin key. */
export async function fetchScenarioSource(id: string, adminKey: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/api/scenarios/${encodeURIComponent(id)}/source`, {
      headers: adminKey ? { 'x-admin-key': adminKey } : {},
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new Error(unreachable(e));
  }
  if (!res.ok) throw new Error((await errorOf(res)).message);
  return res.text();
}

/** Uploads the scenario text (as text/yaml) with the admin key; `replace` overwrites an uploaded scenario of the same id. */
export async function uploadScenario(text: string, adminKey: string, replace: boolean): Promise<UploadAnswer> {
  let res: Response;
  try {
    res = await fetch(`/api/scenarios${replace ? '?replace=1' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'text/yaml; charset=utf-8', 'x-admin-key': adminKey },
      body: text,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    return { ok: false, status: 0, code: null, message: unreachable(e), details: [], findings: [] };
  }
  if (res.status === 201) {
    const body = (await res.json()) as { id: string; title: string; replaced: boolean; warnings: Finding[] };
    return { ok: true, id: body.id, title: body.title, replaced: body.replaced, warningCount: body.warnings.length };
  }
  return { ok: false, status: res.status, ...(await errorOf(res)) };
}
