// Test fixtures: a small workshop and the real locale files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Backend, Messages } from './backend';
import { i18n } from '../state/i18n.svelte';
import { emptyReport, sync } from '../state/sync.svelte';
import type { UiLanguage, WorkshopOverview } from './bindings';

function flatten(value: unknown, prefix = '', out: Messages = {}): Messages {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      flatten(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else {
    out[prefix] = String(value);
  }
  return out;
}

export function localeMessages(lang: UiLanguage): Messages {
  // Tests run from ui/ (npm test); the locale files are beside it.
  return flatten(parse(readFileSync(join(process.cwd(), '..', 'locales', `${lang}.yml`), 'utf8')));
}

export const overview: WorkshopOverview = {
  workshop: {
    id: 'w',
    title: { en: 'Workshop', lo: 'ກອງປະຊຸມສຳມະນາ' },
    start_date: '2023-05-11',
    end_date: '2023-05-12',
    venue: { en: 'Vientiane', lo: 'ວຽງຈັນ' },
    organisers: { en: 'UN DESA', lo: 'UN DESA' },
    template: 'national-data-governance',
    is_demo: true,
    objectives: [],
  },
  agenda: [],
  focus_areas: [],
  questions: [1, 2, 3, 4, 5].map((n) => ({
    id: `q${n}`,
    workshop_id: 'w',
    number: n,
    text: { en: `Question ${n}`, lo: `ຄຳຖາມ ${n}` },
    deleted: false,
  })),
  groups: [
    { id: 'g1', workshop_id: 'w', name: 'A', position: 0, focus_area_ids: [], facilitator: '', note_taker: '', deleted: false },
  ],
};

/** This laptop as table 1 ("ໂຕະ 1", device `device-a`, in Lao) after table 2 ("ໂຕະ 2",
 *  `device-b`) synced: the items `fromTable2` picks were created there, the others here. Sets the
 *  sync state the table names come from. */
export async function asTableOne<B extends Backend>(backend: B, fromTable2: (id: string) => boolean): Promise<B> {
  const withOrigins: B = {
    ...backend,
    provenance: async (ids: string[]) =>
      ids.map((id) => {
        const by = fromTable2(id) ? 'device-b' : 'device-a';
        return { id, created_by: by, created_hlc: '', edited_by: by, edited_hlc: '' };
      }),
  };
  await i18n.load(withOrigins, 'lo');
  sync.me = { device: 'device-a', label: 'ໂຕະ 1' };
  sync.report = { ...emptyReport(), devices: [{ device_id: 'device-b', label: 'ໂຕະ 2', last_seen_ms: 0, clock_ahead_ms: 0 }] };
  return withOrigins;
}
