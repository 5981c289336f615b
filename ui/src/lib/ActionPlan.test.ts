// @vitest-environment jsdom
// The action plan names the table that wrote each action and filters by it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import ActionPlan from './ActionPlan.svelte';
import { memoryBackend } from './memoryBackend';
import { asTableOne, localeMessages, overview } from './fixtures';
import type { ActionDraft } from './bindings';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

const draft = (title: string): ActionDraft => ({
  title,
  description: '',
  focus_area_id: null,
  responsible: 'MTC',
  partners: '',
  start_date: null,
  due_date: null,
  horizon: null,
  priority: 'medium',
  status: 'proposed',
  source_id: null,
});

describe('ActionPlan by table', () => {
  afterEach(cleanup);

  it('shows which table wrote each action, and filters by table', async () => {
    const base = memoryBackend(overview, messages);
    const first = await base.addAction(draft('ຮ່າງດຳລັດວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນ'));
    await base.addAction(draft('Train data stewards'));
    // The first action came from table 2, the second from this laptop.
    const backend = await asTableOne(base, (id) => id === first.id);
    const view = render(ActionPlan, { props: { backend, overview, source: null } });
    const filter = (await view.findByTestId('filter-table')) as HTMLSelectElement;
    const origins = () => view.getAllByTestId('action-provenance').map((e) => e.textContent);
    expect(origins().sort()).toEqual(['ໂຕະ 1', 'ໂຕະ 2']);

    filter.value = 'device-b';
    await fireEvent.change(filter);
    const rows = view.getAllByTestId('action-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('ຮ່າງດຳລັດວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນ');
  });
});
