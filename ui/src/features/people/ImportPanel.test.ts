// @vitest-environment jsdom
// Importing the invitation list: every row's problems are said in words before anything is
// written — a cell longer than typing allows among them — and a file refused as too large
// says why, in Lao.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import ImportPanel from './ImportPanel.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import type { ImportPreview } from '../../backend/bindings';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

async function pick(view: { findByTestId: (id: string) => Promise<HTMLElement> }, text: string) {
  const input = (await view.findByTestId('import-file')) as HTMLInputElement;
  const file = new File([text], 'list.csv', { type: 'text/csv' });
  // jsdom's File has no arrayBuffer(); the webview's has.
  Object.defineProperty(file, 'arrayBuffer', { value: async () => new TextEncoder().encode(text).buffer });
  Object.defineProperty(input, 'files', { value: [file] });
  await fireEvent.change(input);
}

const draft = (en: string) => ({
  name: { en, lo: '' },
  organisation: '',
  stakeholder: null,
  gender: 'undisclosed' as const,
  contact: '',
  consent: false,
  group_id: null,
});

describe('ImportPanel', () => {
  afterEach(cleanup);

  it('names a cell longer than typing allows, with its column', async () => {
    const preview: ImportPreview = {
      rows: [
        { line: 2, draft: draft('Somphone'), problems: [] },
        { line: 3, draft: draft('x'), problems: [{ kind: 'too_long', column: 'organisation', length: 501, max: 500 }] },
      ],
      columns: ['name_en', 'organisation'],
      ignored_columns: [],
    };
    const backend = { ...memoryBackend(overview, messages), previewParticipants: async () => preview };
    await i18n.load(backend, 'lo');
    const view = render(ImportPanel, { props: { backend, onimported: () => {} } });
    await pick(view, 'name_en,organisation\nSomphone,\nx,…\n');
    const rows = (await view.findAllByTestId('import-row')).map((r) => r.textContent);
    expect(rows[1]).toContain('“organisation” ມີ 501 ຕົວອັກສອນ; ບໍ່ເກີນ 500');
    expect(view.queryByTestId('import-all')).toBeNull();
    expect(view.getByTestId('import-good')).toBeTruthy();
  });

  it('says why a spreadsheet bomb is refused, and imports nothing', async () => {
    const backend = {
      ...memoryBackend(overview, messages),
      previewParticipants: async () => {
        throw { code: 'import_sheet_too_large', params: { cell: 'XFD1048576', rows: '100000', columns: '1000' } };
      },
    };
    await i18n.load(backend, 'en');
    const view = render(ImportPanel, { props: { backend, onimported: () => {} } });
    await pick(view, 'x');
    const error = (await view.findByTestId('import-error')).textContent ?? '';
    expect(error).toContain('cell XFD1048576');
    expect(error).toContain('nothing was imported');
    expect(view.queryByTestId('import-row')).toBeNull();
  });
});
