// @vitest-environment jsdom
// Search can be narrowed to what one table created.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import SearchView from './SearchView.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { asTableOne, localeMessages, overview } from '../../backend/fixtures';
import type { SearchQuery } from '../../backend/bindings';
import { emptyReport, sync } from '../../state/sync.svelte';
import { i18n } from '../../state/i18n.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

describe('SearchView by table', () => {
  afterEach(cleanup);

  it('lists every table seen and searches only the chosen one’s items', async () => {
    const base = memoryBackend(overview, messages);
    const at = { group_id: overview.groups[0].id, question_id: overview.questions[0].id, lang: null };
    const theirs = await base.addNote({ ...at, text: 'ຂໍ້ມູນສ່ວນບຸກຄົນ ຂອງໂຕະ 2' });
    await base.addNote({ ...at, text: 'ຂໍ້ມູນ open data' });
    // Table 2's laptop created the first note; this laptop the second.
    const queries: SearchQuery[] = [];
    const backend = {
      ...(await asTableOne(base, (id) => id === theirs.id)),
      search: async (q: SearchQuery) => {
        queries.push(q);
        const hits = await base.search({ ...q, device: null });
        return hits.filter((h) => !q.device || (h.id === theirs.id) === (q.device === 'device-b'));
      },
    };
    const view = render(SearchView, { props: { backend, overview, query: 'ຂໍ້ມູນ', onopen: () => {} } });
    expect(await view.findAllByTestId('search-hit')).toHaveLength(2);
    const pick = view.getByTestId('search-table') as HTMLSelectElement;
    expect([...pick.options].map((o) => o.textContent)).toEqual(['ທຸກໂຕະ', 'ໂຕະ 1', 'ໂຕະ 2']);

    pick.value = 'device-b';
    await fireEvent.change(pick);
    await view.findByText('1', { exact: false, selector: '[role=status]' });
    const hits = view.getAllByTestId('search-hit');
    expect(hits).toHaveLength(1);
    expect(hits[0].textContent).toContain('ຂອງໂຕະ 2');
    expect(queries.at(-1)?.device).toBe('device-b');
  });
});

describe('SearchView after a big join', () => {
  afterEach(() => {
    cleanup();
    sync.report = null;
  });

  it('says the search index is still being built, and searches again once it is whole', async () => {
    const base = memoryBackend(overview, messages);
    const at = { group_id: overview.groups[0].id, question_id: overview.questions[0].id, lang: null };
    await base.addNote({ ...at, text: 'ຂໍ້ມູນ open data' });
    let searches = 0;
    const backend = { ...base, search: (q: SearchQuery) => (searches++, base.search(q)) };
    await i18n.load(backend, 'lo');
    sync.take({ ...emptyReport(), reached: true, indexing: true });
    const view = render(SearchView, { props: { backend, overview, query: 'ຂໍ້ມູນ', onopen: () => {} } });
    expect(await view.findAllByTestId('search-hit')).toHaveLength(1);
    expect(view.getByTestId('search-indexing').textContent).toBe(messages.lo['search.indexing']);
    const before = searches;
    // A pass that leaves the index as it was searches nothing again.
    sync.take({ ...emptyReport(), reached: true, indexing: true });
    await Promise.resolve();
    expect(searches).toBe(before);
    sync.take({ ...emptyReport(), reached: true, indexing: false });
    await vi.waitFor(() => expect(view.queryByTestId('search-indexing')).toBeNull());
    await vi.waitFor(() => expect(searches).toBe(before + 1));
  });
});
