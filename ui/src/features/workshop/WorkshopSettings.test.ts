// @vitest-environment jsdom
// The Workshops list (open, archive, bring back, duplicate as the next edition) and the
// coordinator's Workshop settings (facts, focus areas, questions, agenda; retired, never
// removed; overlapping sessions pointed out), and text in one language only, marked.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import Bi from '../../shared/Bi.svelte';
import WorkshopSettings from './WorkshopSettings.svelte';
import WorkshopsView from './WorkshopsView.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview as fixture } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import type { WorkshopOverview } from '../../backend/bindings';

/** What the helpers need of a rendered component. */
type Queries = { getByTestId: (id: string) => HTMLElement };

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

afterEach(cleanup);

function workshop(): WorkshopOverview {
  const o = structuredClone(fixture);
  o.focus_areas = [
    { id: 'f1', workshop_id: 'w', code: 'policy', kind: 'pillar', name: { en: 'Policy', lo: 'ນະໂຍບາຍ' }, description: { en: '', lo: '' }, position: 0, deleted: false },
    { id: 'f2', workshop_id: 'w', code: 'people', kind: 'element', name: { en: 'People', lo: 'ບຸກຄະລາກອນ' }, description: { en: '', lo: '' }, position: 1, deleted: false },
  ];
  o.agenda = [
    { id: 's1', workshop_id: 'w', day: 1, position: 0, kind: 'breakout', title: { en: 'Pillars', lo: 'ເສົາຫຼັກ' }, starts_at: '09:00', ends_at: '12:00', room: 'A', deleted: false },
    { id: 's2', workshop_id: 'w', day: 2, position: 1, kind: 'breakout', title: { en: 'Elements', lo: 'ອົງປະກອບ' }, starts_at: '09:00', ends_at: '12:00', room: 'A', deleted: false },
  ];
  return o;
}

const input = (view: Queries, testid: string) => view.getByTestId(testid) as HTMLInputElement;

describe('Workshops', () => {
  it('makes the next edition, opens the other, archives it and brings it back', async () => {
    const overview = workshop();
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const opened: [string, boolean][] = [];
    const view = render(WorkshopsView, {
      props: { backend, overview, onoverview: (o: WorkshopOverview, made: boolean) => opened.push([o.workshop.id, made]), onjoin: () => {} },
    });
    expect(await view.findAllByTestId('workshop-choice')).toHaveLength(1);

    await fireEvent.click(view.getByTestId('workshops-duplicate'));
    expect(input(view, 'duplicate-title-en').value).toBe('Workshop');
    expect(input(view, 'duplicate-start').value).toBe('2024-05-10');
    expect(input(view, 'duplicate-end').value).toBe('2024-05-11');
    await fireEvent.input(input(view, 'duplicate-title-en'), { target: { value: 'Workshop, second edition' } });
    await fireEvent.click(view.getByTestId('duplicate-create'));
    await waitFor(() => expect(view.getAllByTestId('workshop-choice')).toHaveLength(2));
    expect(opened).toEqual([[overview.workshop.id, true]]);
    expect(overview.workshop.title.en).toBe('Workshop, second edition');
    // The structure came along; nothing typed did.
    expect(overview.focus_areas.map((f) => f.code)).toEqual(['policy', 'people']);
    expect(await backend.notesFor(overview.groups[0].id, overview.questions[0].id)).toEqual([]);

    // The first edition: archived (hidden), shown again, brought back, opened.
    const first = () => view.getAllByTestId('workshop-choice').find((li) => li.dataset.id === 'w')!;
    await fireEvent.click(first().querySelector('[data-testid="workshop-archive"]')!);
    await waitFor(() => expect(view.getAllByTestId('workshop-choice')).toHaveLength(1));
    await fireEvent.click(view.getByTestId('workshops-show-archived'));
    expect(first().textContent).toContain('Archived');
    await fireEvent.click(first().querySelector('[data-testid="workshop-restore"]')!);
    await waitFor(() => expect(first().querySelector('[data-testid="workshop-open"]')).toBeTruthy());
    await fireEvent.click(first().querySelector('[data-testid="workshop-open"]')!);
    await waitFor(() => expect(opened.at(-1)).toEqual(['w', false]));
    expect(overview.workshop.title.en).toBe('Workshop');
  });

  it('does not archive the workshop open now', async () => {
    const overview = workshop();
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'lo');
    const view = render(WorkshopsView, { props: { backend, overview, onoverview: () => {}, onjoin: () => {} } });
    const current = await view.findByTestId('workshop-choice');
    expect(current.textContent).toContain('ເປີດຢູ່ດຽວນີ້');
    expect(current.querySelector('[data-testid="workshop-archive"]')).toBeNull();
    await expect(backend.setWorkshopArchived('w', true)).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});

describe('Workshop settings', () => {
  async function setup() {
    const overview = workshop();
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    let changed = 0;
    const view = render(WorkshopSettings, { props: { backend, onchanged: () => changed++, ongroups: () => {} } });
    await view.findByTestId('settings-title');
    return { overview, backend, view, changed: () => changed };
  }

  it('renames a question, keeping another unsaved edit on screen; reorders; numbers follow', async () => {
    const { overview, view, changed } = await setup();
    await fireEvent.input(input(view, 'settings-question-0-en'), { target: { value: 'What works well today?' } });
    await fireEvent.input(input(view, 'settings-venue-en'), { target: { value: 'Luang Prabang' } });
    const save = view.getAllByTestId('settings-question-save')[0] as HTMLButtonElement;
    expect(save.disabled).toBe(false);
    await fireEvent.click(save);
    await waitFor(() => expect(overview.questions[0].text.en).toBe('What works well today?'));
    expect(changed()).toBe(1);
    // The venue typed but not saved is still there, and still to be saved.
    expect(input(view, 'settings-venue-en').value).toBe('Luang Prabang');
    expect((view.getByTestId('settings-save-facts') as HTMLButtonElement).disabled).toBe(false);

    const down = view.getAllByTestId('settings-question')[0].querySelector('button[aria-label="Move down"]') as HTMLButtonElement;
    await fireEvent.click(down);
    await waitFor(() => expect(overview.questions.map((q) => [q.number, q.id]).slice(0, 2)).toEqual([[1, 'q2'], [2, 'q1']]));
    expect(view.getAllByTestId('settings-question')[1].textContent).toContain('Q2');
  });

  it('retires a question and a focus area and brings them back; nothing is removed', async () => {
    const { overview, view } = await setup();
    await fireEvent.click(view.getAllByTestId('settings-question-retire')[4]);
    await waitFor(() => expect(view.getAllByTestId('settings-retired-question')).toHaveLength(1));
    expect(overview.questions).toHaveLength(4);
    expect(view.getByTestId('settings-notice').textContent).toContain('its notes and cards keep it');
    await fireEvent.click(view.getByTestId('settings-retired-question').querySelector('button')!);
    await waitFor(() => expect(view.queryAllByTestId('settings-retired-question')).toHaveLength(0));
    expect(overview.questions.map((q) => q.number)).toEqual([1, 2, 3, 4, 5]);

    await fireEvent.click(view.getAllByTestId('settings-focus-retire')[1]);
    await waitFor(() => expect(view.getByTestId('settings-retired-focus').textContent).toContain('People'));
    expect(overview.focus_areas.map((f) => f.code)).toEqual(['policy']);
  });

  it('adds a focus area and a session; an overlapping session is pointed out, not refused', async () => {
    const { overview, view } = await setup();
    await fireEvent.input(input(view, 'settings-new-focus-lo'), { target: { value: 'ຄວາມເປັນສ່ວນຕົວ' } });
    await fireEvent.click(view.getByTestId('settings-add-focus-button'));
    await waitFor(() => expect(view.getAllByTestId('settings-focus-row')).toHaveLength(3));
    expect(overview.focus_areas[2].name).toEqual({ en: '', lo: 'ຄວາມເປັນສ່ວນຕົວ' });

    await fireEvent.change(view.getByTestId('settings-new-session-day'), { target: { value: '2' } });
    await fireEvent.input(input(view, 'settings-new-session-start'), { target: { value: '11:00' } });
    await fireEvent.input(input(view, 'settings-new-session-end'), { target: { value: '12:30' } });
    await fireEvent.input(input(view, 'settings-new-session-en'), { target: { value: 'Closing' } });
    await fireEvent.click(view.getByTestId('settings-add-session-button'));
    await waitFor(() => expect(view.getAllByTestId('settings-session')).toHaveLength(3));
    const warnings = view.getAllByTestId('overlap-warning').map((w) => w.textContent);
    expect(warnings).toEqual(['Overlaps with Day 2 · 11:00 · Closing. Fine if they run in two rooms at once.', expect.stringContaining('Day 2 · 09:00 · Elements')]);
    expect(overview.agenda).toHaveLength(3);
  });

  it('saves the facts; a title in one language only is kept, an end before the start is not', async () => {
    const { overview, view } = await setup();
    await fireEvent.input(input(view, 'settings-title-en'), { target: { value: '' } });
    await fireEvent.input(input(view, 'settings-title-lo'), { target: { value: 'ກອງປະຊຸມ' } });
    await fireEvent.input(input(view, 'settings-end'), { target: { value: '2023-05-01' } });
    expect((view.getByTestId('settings-save-facts') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(input(view, 'settings-end'), { target: { value: '2023-05-13' } });
    await fireEvent.click(view.getByTestId('settings-save-facts'));
    await waitFor(() => expect(overview.workshop.end_date).toBe('2023-05-13'));
    expect(overview.workshop.title).toEqual({ en: '', lo: 'ກອງປະຊຸມ' });
  });
});

describe('a text in one language only', () => {
  it('is shown in the other with a marker', async () => {
    const backend = memoryBackend(workshop(), messages);
    await i18n.load(backend, 'en');
    const view = render(Bi, { props: { value: { en: '', lo: 'ກອງປະຊຸມ' } } });
    expect(view.container.textContent).toBe('ກອງປະຊຸມLao only');
    expect(view.container.querySelector('[lang="lo"]')?.textContent).toBe('ກອງປະຊຸມ');
    cleanup();
    const both = render(Bi, { props: { value: { en: 'Workshop', lo: 'ກອງປະຊຸມ' } } });
    expect(both.container.textContent).toBe('Workshop');
    expect(both.queryByTestId('only-one-language')).toBeNull();
  });
});
