// How the status bar and provenance name devices and times, in both languages.
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryBackend } from '../backend/memoryBackend';
import { localeMessages, overview } from '../backend/fixtures';
import { i18n } from './i18n.svelte';
import { emptyReport, sync } from './sync.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };
const NOW = Date.UTC(2026, 10, 27, 10, 0);

describe('sync state', () => {
  beforeAll(async () => {
    await i18n.load(memoryBackend(overview, messages), 'en');
    sync.me = { device: 'mine-0000-1111', label: '' };
    sync.report = {
      ...emptyReport(),
      folder: '/share',
      reached: true,
      devices: [
        { device_id: 'other-with-label', label: 'Table 3', last_seen_ms: 0, clock_ahead_ms: 0 },
        { device_id: 'other-no-label-12345678', label: '', last_seen_ms: 0, clock_ahead_ms: 0 },
      ],
    };
  });

  it('names a device by its table label, else by the end of its id; this laptop as itself', () => {
    const check = (device: string, name: string) => expect(sync.deviceName(device)).toBe(name);
    check('other-with-label', 'Table 3');
    check('other-no-label-12345678', 'Device 12345678');
    check('mine-0000-1111', 'This laptop');
    sync.me.label = 'Table 1';
    check('mine-0000-1111', 'Table 1');
  });

  it('says how long ago, in words', () => {
    const check = (ms: number | null, words: string) => expect(sync.when(ms, NOW)).toBe(words);
    check(null, 'never');
    check(NOW - 20_000, 'just now');
    check(NOW - 5 * 60_000, '5 min ago');
    expect(sync.when(NOW - 3 * 3_600_000, NOW)).toMatch(/^at /);
  });

  it('gives provenance: the creating table, and the changing one when another', () => {
    const p = { id: 'x', created_by: 'other-with-label', created_hlc: '', edited_by: 'other-with-label', edited_hlc: '' };
    expect(sync.provenance(p)).toBe('Table 3');
    expect(sync.provenance({ ...p, edited_by: 'mine-0000-1111' })).toBe('Table 3 · changed by Table 1');
    expect(sync.provenance(undefined)).toBe('');
  });
});
