// Locale parity, from the UI's side: both files have the same keys, and every key the UI
// source names exists.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { localeMessages } from '../backend/fixtures';
import { fill, i18n } from './i18n.svelte';

const en = localeMessages('en');
const lo = localeMessages('lo');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('locales', () => {
  it('have the same keys in English and Lao', () => {
    expect(Object.keys(lo).sort()).toEqual(Object.keys(en).sort());
  });

  it('have every key the UI uses', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const used = new Set<string>();
    for (const file of sources(root)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-z_]+(?:\.[a-z_0-9]+)+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((k) => !(k in en) || !(k in lo));
    expect(missing).toEqual([]);
  });

  it('use the same parameters in both languages', () => {
    const params = (s: string) => [...s.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en)) expect(params(lo[key]), key).toEqual(params(en[key]));
  });

  it('fill parameters and leave unknown ones visible', () => {
    expect(fill('Group %{name} · %{x}', { name: 'A' })).toBe('Group A · %{x}');
  });

  it('never show an error with a placeholder it lacks', () => {
    i18n.set('lo', lo);
    const shown = i18n.error({ code: 'database_too_new', params: { found: '40' } });
    expect(shown).toContain('40');
    expect(shown).toContain('…');
    expect(shown).not.toContain('%{');
  });
});
