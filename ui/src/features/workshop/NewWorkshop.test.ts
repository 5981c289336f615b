// @vitest-environment jsdom
// New workshop, step by step: the template's defaults in every step, Back and Next lose
// nothing, Create from any step once there is a title and dates, every problem in words.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import NewWorkshop from './NewWorkshop.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview as fixture } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import type { WorkshopDraft, WorkshopOverview } from '../../backend/bindings';

/** What the helpers need of a rendered component. */
type Queries = { getByTestId: (id: string) => HTMLElement };

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

afterEach(cleanup);

async function setup(lang: 'en' | 'lo' = 'en') {
  const overview = structuredClone(fixture);
  overview.agenda = [
    { id: 'a1', workshop_id: 'w', day: 1, position: 0, kind: 'opening', title: { en: 'Opening', lo: 'ພິທີເປີດ' }, starts_at: '08:30', ends_at: '09:00', room: '', deleted: false },
  ];
  const backend = memoryBackend(overview, messages);
  await i18n.load(backend, lang);
  const made: WorkshopOverview[] = [];
  const drafts: WorkshopDraft[] = [];
  const newWorkshop = backend.newWorkshop;
  backend.newWorkshop = async (d) => {
    drafts.push(JSON.parse(JSON.stringify(d)) as WorkshopDraft);
    return newWorkshop(d);
  };
  const view = render(NewWorkshop, { props: { backend, oncreated: (o: WorkshopOverview) => made.push(o), oncancel: () => {} } });
  return { backend, view, made, drafts };
}

const input = (view: Queries, testid: string) => view.getByTestId(testid) as HTMLInputElement;
async function type(view: Queries, testid: string, value: string) {
  await fireEvent.input(input(view, testid), { target: { value } });
}

describe('New workshop', () => {
  it('sets up a two-day Lao workshop from the blank template, going back without losing anything', async () => {
    const { view, made, drafts } = await setup('lo');
    expect((view.getByTestId('new-create') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(view.getByTestId('new-template-blank'));
    await fireEvent.input(input(view, 'new-start'), { target: { value: '2027-03-01' } });
    await fireEvent.click(view.getByTestId('new-next'));

    // Facts: the blank template is one day; the coordinator makes it two.
    await view.findByTestId('new-title');
    expect(input(view, 'new-start-date').value).toBe('2027-03-01');
    expect(input(view, 'new-end-date').value).toBe('2027-03-01');
    await type(view, 'new-title-lo', 'ກອງປະຊຸມຂໍ້ມູນສາທາລະນະສຸກ');
    await fireEvent.input(input(view, 'new-end-date'), { target: { value: '2027-03-02' } });
    expect(view.getByTestId('new-days').textContent).toContain('2 ມື້');
    expect((view.getByTestId('new-create') as HTMLButtonElement).disabled).toBe(false);

    // Focus areas: three; back to the facts and forward again: the title and areas are kept.
    await fireEvent.click(view.getByTestId('new-step-focus'));
    for (const name of ['ນະໂຍບາຍ', 'ລະບົບ', 'ບຸກຄະລາກອນ']) {
      await fireEvent.click(view.getByTestId('new-add-focus'));
      const i = view.getAllByTestId('new-focus-area').length - 1;
      await type(view, `new-focus-${i}-lo`, name);
    }
    await fireEvent.click(view.getByTestId('new-back'));
    await fireEvent.click(view.getByTestId('new-back'));
    expect(input(view, 'new-title-lo').value).toBe('ກອງປະຊຸມຂໍ້ມູນສາທາລະນະສຸກ');
    await fireEvent.click(view.getByTestId('new-step-focus'));
    expect(view.getAllByTestId('new-focus-area')).toHaveLength(3);
    expect(input(view, 'new-focus-2-lo').value).toBe('ບຸກຄະລາກອນ');

    await fireEvent.click(view.getByTestId('new-next'));
    for (const q of ['ຈຸດແຂງແມ່ນຫຍັງ?', 'ບາດກ້າວຕໍ່ໄປແມ່ນຫຍັງ?']) {
      await fireEvent.click(view.getByTestId('new-add-question'));
      await type(view, `new-question-${view.getAllByTestId('new-question').length - 1}-lo`, q);
    }

    // The agenda: two sessions a day; the two of day 2 overlap and are said to.
    await fireEvent.click(view.getByTestId('new-next'));
    const sessions: [number, string, string, string][] = [
      [1, '09:00', '12:00', 'ກຸ່ມຍ່ອຍ 1'],
      [1, '13:30', '16:00', 'ກຸ່ມຍ່ອຍ 2'],
      [2, '09:00', '11:30', 'ກຸ່ມຍ່ອຍ 3'],
      [2, '11:00', '12:00', 'ພິທີປິດ'],
    ];
    for (const [i, [day, start, end, title]] of sessions.entries()) {
      await fireEvent.click(view.getByTestId('new-add-session'));
      await fireEvent.change(view.getByTestId(`new-session-day-${i}`), { target: { value: String(day) } });
      await type(view, `new-session-start-${i}`, start);
      await type(view, `new-session-end-${i}`, end);
      await type(view, `new-session-${i}-lo`, title);
    }
    expect(view.getAllByTestId('overlap-warning').map((w) => w.textContent)).toEqual([
      expect.stringContaining('ພິທີປິດ'),
      expect.stringContaining('ກຸ່ມຍ່ອຍ 3'),
    ]);

    // Groups: two, each with its focus areas.
    await fireEvent.click(view.getByTestId('new-next'));
    for (const i of [0, 1]) {
      await fireEvent.click(view.getByTestId('new-add-group'));
      await fireEvent.click(view.getAllByRole('checkbox').filter((c) => c.dataset.testid?.startsWith(`new-group-${i}-area-`))[i]);
    }
    await type(view, 'new-group-facilitator-0', 'ສົມພອນ');
    await fireEvent.click(view.getByTestId('new-create'));
    await waitFor(() => expect(made).toHaveLength(1));

    const d = drafts[0];
    expect(d.template).toBe('blank');
    expect(d.title).toEqual({ en: '', lo: 'ກອງປະຊຸມຂໍ້ມູນສາທາລະນະສຸກ' });
    expect([d.start_date, d.end_date]).toEqual(['2027-03-01', '2027-03-02']);
    expect(d.focus_areas.map((f) => f.name.lo)).toEqual(['ນະໂຍບາຍ', 'ລະບົບ', 'ບຸກຄະລາກອນ']);
    expect(d.questions.map((q) => q.lo)).toEqual(['ຈຸດແຂງແມ່ນຫຍັງ?', 'ບາດກ້າວຕໍ່ໄປແມ່ນຫຍັງ?']);
    expect(d.agenda.map((a) => [a.day, a.starts_at, a.ends_at, a.title.lo])).toEqual(sessions);
    expect(d.groups.map((g) => [g.name, g.focus_areas.length, g.facilitator])).toEqual([
      ['A', 1, 'ສົມພອນ'],
      ['B', 1, ''],
    ]);
    expect(made[0].workshop.is_demo).toBe(false);
    expect(made[0].groups).toHaveLength(2);
  });

  it('starts from the built-in template with its focus areas, questions and agenda', async () => {
    const { view, made } = await setup();
    await fireEvent.input(input(view, 'new-start'), { target: { value: '2027-05-11' } });
    await fireEvent.click(view.getByTestId('new-next'));
    await type(view, 'new-title-en', 'National data governance, second consultation');
    await fireEvent.click(view.getByTestId('new-step-questions'));
    expect(view.getAllByTestId('new-question')).toHaveLength(5);
    await fireEvent.click(view.getByTestId('new-step-agenda'));
    expect(view.getAllByTestId('new-session')).toHaveLength(1);
    // Created from the agenda step.
    await fireEvent.click(view.getByTestId('new-create'));
    await waitFor(() => expect(made).toHaveLength(1));
    expect(made[0].questions).toHaveLength(5);
    expect(made[0].workshop.start_date).toBe('2027-05-11');
  });

  it('lists every problem in words and makes nothing while there are any', async () => {
    const { backend, view, made } = await setup();
    await fireEvent.click(view.getByTestId('new-template-blank'));
    await fireEvent.click(view.getByTestId('new-next'));
    await type(view, 'new-title-en', 'Health data workshop');
    await fireEvent.click(view.getByTestId('new-step-questions'));
    await fireEvent.click(view.getByTestId('new-add-question'));
    await fireEvent.click(view.getByTestId('new-step-agenda'));
    await fireEvent.click(view.getByTestId('new-add-session'));
    await type(view, 'new-session-end-0', '08:00');
    await fireEvent.click(view.getByTestId('new-create'));
    const problems = await view.findByTestId('new-problems');
    expect([...problems.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Guiding question 1 has no text in Lao or English.',
      expect.stringContaining('09:00–08:00'),
      expect.stringContaining('has no title in Lao or English'),
    ]);
    expect(made).toHaveLength(0);
    expect(await backend.workshops()).toHaveLength(1);
  });

  it('refuses dates in the wrong order before anything is sent', async () => {
    const { view } = await setup();
    await fireEvent.click(view.getByTestId('new-next'));
    await type(view, 'new-title-en', 'Workshop');
    await fireEvent.input(input(view, 'new-end-date'), { target: { value: '2000-01-01' } });
    expect(view.getByTestId('new-days').textContent).toBe('The last day must be a date on or after the first.');
    expect((view.getByTestId('new-create') as HTMLButtonElement).disabled).toBe(true);
  });
});
