// @vitest-environment jsdom
// The action plan names the table that wrote each action and filters by it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import ActionPlan from './ActionPlan.svelte';
import Timeline from './Timeline.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { asTableOne, localeMessages, overview } from '../../backend/fixtures';
import type { ActionDraft } from '../../backend/bindings';
import { i18n } from '../../state/i18n.svelte';

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

describe('ActionPlan dates', () => {
  afterEach(cleanup);

  async function form(lang: 'en' | 'lo') {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, lang);
    const view = render(ActionPlan, { props: { backend, overview, source: null } });
    await fireEvent.click(await view.findByTestId('new-action'));
    await fireEvent.input(view.getByTestId('action-title'), { target: { value: 'Draft the data policy' } });
    const type = (id: string, value: string) => fireEvent.input(view.getByTestId(id), { target: { value } });
    return { backend, view, type };
  }

  it('reads day-first dates as typed, shows them back in words, and saves them', async () => {
    const { backend, view, type } = await form('en');
    await type('action-start', '01092023');
    expect(view.getByTestId('action-start-read').textContent).toBe('1 September 2023');
    await type('action-due', '31.3.2024');
    await fireEvent.click(view.getByTestId('action-save'));
    await view.findByTestId('action-row');
    const [saved] = await backend.actions();
    expect([saved.start_date, saved.due_date]).toEqual(['2023-09-01', '2024-03-31']);
    expect(view.getByTestId('action-when').textContent).toContain('1 September 2023 – 31 March 2024');
  });

  it('refuses a date it cannot read, in Lao, and saves nothing', async () => {
    const { backend, view, type } = await form('lo');
    await type('action-start', '9/13/2023');
    expect(view.getByTestId('action-start-read').textContent).toBe(messages.lo['date.no_month'].replace('%{month}', '13'));
    await fireEvent.click(view.getByTestId('action-save'));
    expect(view.getByTestId('action-error').textContent).toContain('ບໍ່ມີເດືອນ 13');
    expect(await backend.actions()).toHaveLength(0);
  });

  it('flags a date received out of range instead of drawing it', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    await backend.addAction({ ...draft('From an old laptop'), start_date: '0001-12-09', due_date: '2023-12-31' });
    const view = render(ActionPlan, { props: { backend, overview, source: null } });
    expect((await view.findByTestId('action-when')).textContent).toContain('0001-12-09 – 31 December 2023');
    expect(view.getByTestId('action-date-to-check').textContent).toContain('date to check');
  });
});

describe('Timeline', () => {
  afterEach(cleanup);

  it('draws a bounded number of columns however far apart the dates are', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const far = [
      { ...draft('First'), start_date: '2000-01-01', due_date: '2000-02-01' },
      { ...draft('Last'), start_date: '2100-11-01', due_date: '2100-12-31' },
      { ...draft('Slip'), start_date: '0001-12-09', due_date: '0031-12-03' },
    ];
    for (const d of far) await backend.addAction(d);
    const actions = await backend.actions();
    for (const scale of ['months', 'quarters'] as const) {
      const view = render(Timeline, { props: { actions, scale, focusName: () => '' } });
      const columns = view.getByTestId('timeline').querySelectorAll('line').length;
      expect(columns).toBeGreaterThan(10);
      expect(columns).toBeLessThanOrEqual(48);
      expect(view.getAllByTestId('timeline-bar')).toHaveLength(2);
      expect(view.getByTestId('timeline-to-check').textContent).toContain('Slip');
      cleanup();
    }
  });
});

describe('ActionPlan undo', () => {
  afterEach(cleanup);

  it('brings a deleted action back with one click, in Lao', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'lo');
    await backend.addAction(draft('ຮ່າງດຳລັດວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນ'));
    const view = render(ActionPlan, { props: { backend, overview, source: null } });
    await fireEvent.click(await view.findByTestId('action-delete'));
    const bar = await view.findByRole('status');
    expect(bar.textContent).toContain(messages.lo['action.deleted']);
    expect(view.queryAllByTestId('action-row')).toHaveLength(0);

    await fireEvent.click(view.getByTestId('action-undo'));
    const rows = await view.findAllByTestId('action-row');
    expect(rows.map((r) => r.textContent).join()).toContain('ຮ່າງດຳລັດວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນ');
    expect(view.queryByTestId('action-undo')).toBeNull();
    expect((await backend.actions()).map((a) => a.deleted)).toEqual([false]);
  });
});
