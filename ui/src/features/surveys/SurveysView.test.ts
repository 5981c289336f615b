// @vitest-environment jsdom
// The survey kiosk: two participants answer one after the other, in Lao and in English; the
// second sees none of the first's answers; a required question left out is asked for; leaving
// needs the facilitator's code; the results count both.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import SurveysView from './SurveysView.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import type { Answer, AnswersPreview, ParticipantDraft } from '../../backend/bindings';

const draft: ParticipantDraft = {
  name: { en: '', lo: '' },
  organisation: '',
  stakeholder: null,
  gender: 'undisclosed',
  contact: '',
  consent: false,
  group_id: null,
};

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

describe('SurveysView kiosk', () => {
  afterEach(cleanup);

  it('takes answers from one participant after another, each unseen by the next', async () => {
    const base = memoryBackend(overview, messages);
    const linked: (string | null)[] = [];
    const backend = {
      ...base,
      answerSurvey: async (form: string, participant: string | null, answers: Record<string, Answer>) => {
        linked.push(participant);
        return base.answerSurvey(form, participant, answers);
      },
    };
    const keo = await backend.addParticipant({ ...draft, name: { en: 'Keomany', lo: 'ແກ້ວມະນີ' } });
    await backend.addParticipant({ ...draft, name: { en: 'Khamla', lo: 'ຄຳຫຼ້າ' } });
    await i18n.load(backend, 'en');
    // The view sits in a window with other things (the navigation) beside it.
    const nav = document.body.appendChild(document.createElement('nav'));
    const view = render(SurveysView, { props: { backend } });
    await fireEvent.click(await view.findByTestId('survey-kiosk-post'));
    const start = view.getByTestId('survey-start') as HTMLButtonElement;
    await fireEvent.input(view.getByTestId('survey-code'), { target: { value: '12' } });
    expect(start.disabled).toBe(true);
    await fireEvent.input(view.getByTestId('survey-code'), { target: { value: '2468' } });
    await fireEvent.click(start);

    // Nothing beside the kiosk can be reached while it is open.
    expect(nav.hasAttribute('inert')).toBe(true);
    // The first participant, in Lao, finds their name by typing part of it (the list is not
    // shown before that).
    await fireEvent.click(await view.findByTestId('kiosk-lang-lo'));
    expect(view.queryAllByTestId('kiosk-person')).toHaveLength(0);
    await fireEvent.input(view.getByTestId('kiosk-who'), { target: { value: 'ແ' } });
    expect(view.queryAllByTestId('kiosk-person')).toHaveLength(0);
    await fireEvent.input(view.getByTestId('kiosk-who'), { target: { value: 'ແກ້ວ' } });
    expect(view.getAllByTestId('kiosk-person').map((b) => b.textContent)).toEqual(['ແກ້ວມະນີ']);
    await fireEvent.click(view.getByTestId('kiosk-person'));
    expect(view.getByTestId('kiosk-as').textContent).toContain('ຕອບໃນນາມ ແກ້ວມະນີ');
    expect((await view.findByText('ຕອນນີ້ທ່ານຮູ້ກ່ຽວກັບ “ນະໂຍບາຍ” ຫຼາຍປານໃດ?', { exact: false })).textContent).toContain('ນະໂຍບາຍ');
    expect(view.getByTestId('kiosk-submit').textContent).toBe('ສົ່ງຄຳຕອບຂອງຂ້ອຍ');
    // Sending without the required rating: asked for, nothing saved.
    await fireEvent.input(view.getByTestId('kiosk-comments'), { target: { value: 'ຄວນມີເວລາຫຼາຍກວ່ານີ້' } });
    await fireEvent.click(view.getByTestId('kiosk-submit'));
    expect(view.getByTestId('kiosk-missing').textContent).toBe('ກະລຸນາຕອບທຸກຄຳຖາມທີ່ມີເຄື່ອງໝາຍ *.');
    expect((await backend.surveyResults('post')).responses).toBe(0);
    await fireEvent.click(view.getByTestId('kiosk-knowledge.policy-4'));
    await fireEvent.click(view.getByTestId('kiosk-role-government'));
    await fireEvent.click(view.getByTestId('kiosk-submit'));
    await view.findByTestId('kiosk-thanks');
    await fireEvent.click(view.getByTestId('kiosk-next'));

    // The second participant, in English, is not on the list: an empty form, not linked.
    await fireEvent.click(await view.findByTestId('kiosk-lang-en'));
    expect((view.getByTestId('kiosk-who') as HTMLInputElement).value).toBe('');
    await fireEvent.click(view.getByTestId('kiosk-not-listed'));
    expect(view.queryByTestId('kiosk-as')).toBeNull();
    await view.findByText('How well do you know “Policy” now?', { exact: false });
    expect((view.getByTestId('kiosk-knowledge.policy-4') as HTMLInputElement).checked).toBe(false);
    expect((view.getByTestId('kiosk-role-government') as HTMLInputElement).checked).toBe(false);
    expect((view.getByTestId('kiosk-comments') as HTMLTextAreaElement).value).toBe('');
    expect(view.queryByText('ຄວນມີເວລາຫຼາຍກວ່ານີ້')).toBeNull();
    await fireEvent.click(view.getByTestId('kiosk-knowledge.policy-2'));
    await fireEvent.click(view.getByTestId('kiosk-submit'));
    await view.findByTestId('kiosk-thanks');

    // Leaving needs the code.
    await fireEvent.click(view.getByTestId('kiosk-leave'));
    await fireEvent.input(view.getByTestId('kiosk-code'), { target: { value: '0000' } });
    await fireEvent.click(view.getByTestId('kiosk-leave-confirm'));
    expect(view.getByTestId('kiosk-wrong-code')).toBeTruthy();
    expect(view.getByTestId('kiosk')).toBeTruthy();
    await fireEvent.input(view.getByTestId('kiosk-code'), { target: { value: '2468' } });
    await fireEvent.click(view.getByTestId('kiosk-leave-confirm'));
    await view.findByTestId('survey-results-post');
    expect(view.queryByTestId('kiosk')).toBeNull();
    expect(nav.hasAttribute('inert')).toBe(false);
    nav.remove();
    expect(i18n.lang).toBe('en');

    await fireEvent.click(view.getByTestId('survey-results-post'));
    expect((await view.findByTestId('survey-count')).textContent).toContain('2 responses');
    const policy = view.getAllByTestId('survey-question-result').find((e) => e.dataset.key === 'knowledge.policy')!;
    expect(policy.textContent).toContain('mean 3.00');
    const comments = view.getAllByTestId('survey-question-result').find((e) => e.dataset.key === 'comments')!;
    expect(comments.textContent).toContain('ຄວນມີເວລາຫຼາຍກວ່ານີ້');
    expect(linked).toEqual([keo.id, null]);
  });
});

describe('SurveysView results', () => {
  afterEach(cleanup);

  it('shows knowledge before and after per focus area', async () => {
    const base = memoryBackend(overview, messages);
    const backend = {
      ...base,
      surveyResults: async (form: string) => ({
        ...(await base.surveyResults(form)),
        knowledge: [{ topic: 'policy', before: 1.5, before_n: 2, after: 4, after_n: 3 }],
      }),
    };
    await i18n.load(backend, 'lo');
    const policy = { id: 'fa', workshop_id: 'w', kind: 'pillar' as const, code: 'policy', position: 0, name: { en: 'Policy', lo: 'ນະໂຍບາຍ' }, description: { en: '', lo: '' }, deleted: false };
    const view = render(SurveysView, { props: { backend, focusAreas: [policy] } });
    await fireEvent.click(await view.findByTestId('survey-results-post'));
    const row = (await view.findByTestId('survey-knowledge')).querySelector('tr[data-topic="policy"]')!;
    expect([...row.querySelectorAll('td')].map((td) => td.textContent!.trim())).toEqual(['ນະໂຍບາຍ', '1.50 (2)', '4.00 (3)']);
    // Each mean drawn as a bar on the 1–5 scale.
    expect([...row.querySelectorAll<HTMLElement>('.kbar')].map((b) => b.style.width)).toEqual(['1.8rem', '4.8rem']);
  });
});

describe('SurveysView for the coordinator', () => {
  afterEach(cleanup);

  it('edits a form before the workshop; a broken form gets a translated error; an answered one a new version', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const view = render(SurveysView, { props: { backend } });
    await fireEvent.click(await view.findByTestId('survey-edit-post'));
    expect((await view.findByTestId('editor-status')).textContent).toContain('Nobody has answered');
    // A new question: a choice between two options, in both languages.
    const section = view.getAllByTestId('editor-section')[0];
    await fireEvent.click(section.querySelector('[data-testid="editor-add-question"]')!);
    const added = view.getAllByTestId('editor-question').at(-1)!;
    const field = (testid: string) => added.querySelector(`[data-testid="${testid}"]`) as HTMLInputElement;
    await fireEvent.input(field('editor-question-text-en'), { target: { value: 'How did you travel here?' } });
    await fireEvent.input(field('editor-question-text-lo'), { target: { value: 'ທ່ານເດີນທາງມາແນວໃດ?' } });
    await fireEvent.change(field('editor-kind'), { target: { value: 'single' } });
    const options = () => added.querySelectorAll('[data-testid="editor-option"]');
    expect(options()).toHaveLength(2);
    // Saved with an unlabelled choice: refused, in words.
    await fireEvent.click(view.getByTestId('editor-save'));
    expect((await view.findByTestId('editor-error')).textContent).toBe('A choice of question 4 has no label.');
    const labels = added.querySelectorAll('[data-testid="editor-option-en"]');
    await fireEvent.input(labels[0], { target: { value: 'Car' } });
    await fireEvent.input(labels[1], { target: { value: 'Bus' } });
    await fireEvent.click(view.getByTestId('editor-save'));
    expect((await view.findByTestId('editor-saved')).textContent).toBe('Saved: version 1.');
    let post = (await backend.surveyForms())[0];
    const q = post.sections[0].questions.at(-1)!;
    expect(q.text).toEqual({ en: 'How did you travel here?', lo: 'ທ່ານເດີນທາງມາແນວໃດ?' });
    expect(q.kind.type === 'single' && q.kind.options.map((o) => o.label.en)).toEqual(['Car', 'Bus']);
    await fireEvent.click(view.getByTestId('editor-close'));

    // Once answered, the editor says the next save is version 2, and it is.
    await backend.answerSurvey('post', null, { 'knowledge.policy': { type: 'rating', value: 3 } });
    await fireEvent.click(await view.findByTestId('survey-edit-post'));
    expect((await view.findByTestId('editor-status')).textContent).toContain('saving makes version 2');
    await fireEvent.input(view.getByTestId('editor-title-en'), { target: { value: 'Evaluation' } });
    await fireEvent.click(view.getByTestId('editor-save'));
    expect((await view.findByTestId('editor-saved')).textContent).toBe('Saved: version 2.');
    post = (await backend.surveyForms())[0];
    expect([post.version, post.title.en]).toEqual([2, 'Evaluation']);
  });

  it('takes paper forms from the keyboard: Enter goes on, Ctrl+Enter saves and starts the next', async () => {
    const base = memoryBackend(overview, messages);
    const saved: Record<string, Answer>[] = [];
    const backend = {
      ...base,
      answerSurvey: async (form: string, participant: string | null, answers: Record<string, Answer>) => {
        saved.push(answers);
        return base.answerSurvey(form, participant, answers);
      },
    };
    await i18n.load(backend, 'en');
    const view = render(SurveysView, { props: { backend } });
    await fireEvent.click(await view.findByTestId('survey-paper-post'));
    const policy = (await view.findByTestId('paper-knowledge.policy')) as HTMLInputElement;
    expect(document.activeElement).toBe(policy);
    const read = (key: string) => view.getAllByTestId('paper-question').find((e) => e.dataset.key === key)!.querySelector('[data-testid="paper-read"]')!.textContent;
    // A rating outside the scale is not understood, and not saved.
    await fireEvent.input(policy, { target: { value: '7' } });
    expect(read('knowledge.policy')).toBe('Not understood');
    await fireEvent.keyDown(policy, { key: 'Enter', ctrlKey: true });
    expect(view.getByTestId('paper-missing')).toBeTruthy();
    expect(saved).toHaveLength(0);
    await fireEvent.input(policy, { target: { value: '4' } });
    await fireEvent.keyDown(policy, { key: 'Enter' });
    const role = view.getByTestId('paper-role') as HTMLInputElement;
    expect(document.activeElement).toBe(role);
    // The second choice on the form, by its number.
    await fireEvent.input(role, { target: { value: '2' } });
    expect(read('role')).toBe('Other');
    await fireEvent.keyDown(role, { key: 'Enter' });
    const comments = view.getByTestId('paper-comments') as HTMLTextAreaElement;
    await fireEvent.input(comments, { target: { value: 'ດີຫຼາຍ' } });
    await fireEvent.keyDown(comments, { key: 'Enter', ctrlKey: true });
    await view.findByText('Forms entered: 1');
    expect(saved).toEqual([
      { 'knowledge.policy': { type: 'rating', value: 4 }, role: { type: 'choice', value: 'other' }, comments: { type: 'text', value: 'ດີຫຼາຍ' } },
    ]);
    // The next form starts empty, at the first question.
    expect(policy.value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(policy));
  });

  it('finds words among the written answers, in Lao', async () => {
    const backend = memoryBackend(overview, messages);
    for (const comment of ['ຕ້ອງການການຝຶກອົບຮົມຕື່ມ', 'More time for groups', 'ຂໍ້ມູນເປີດ']) {
      await backend.answerSurvey('post', null, { 'knowledge.policy': { type: 'rating', value: 3 }, comments: { type: 'text', value: comment } });
    }
    await i18n.load(backend, 'lo');
    const view = render(SurveysView, { props: { backend } });
    await fireEvent.click(await view.findByTestId('survey-results-post'));
    expect(await view.findAllByTestId('survey-text')).toHaveLength(3);
    await fireEvent.input(view.getByTestId('survey-find'), { target: { value: 'ຝຶກອົບຮົມ' } });
    expect(view.getAllByTestId('survey-text').map((e) => e.textContent)).toEqual(['ຕ້ອງການການຝຶກອົບຮົມຕື່ມ']);
    await fireEvent.input(view.getByTestId('survey-find'), { target: { value: 'TIME' } });
    expect(view.getAllByTestId('survey-text').map((e) => e.textContent)).toEqual(['More time for groups']);
  });

  it('previews a file of answers with each problem in words, then imports the good rows', async () => {
    const base = memoryBackend(overview, messages);
    let imported: boolean | null = null;
    const backend = {
      ...base,
      previewSurveyAnswers: async (): Promise<AnswersPreview> => ({
        rows: [
          { line: 2, answers: { 'knowledge.policy': { type: 'rating' as const, value: 4 } }, problems: [] },
          { line: 3, answers: {}, problems: [{ problem: 'out_of_range' as const, key: 'knowledge.policy', value: 9, min: 1, max: 5 }] },
        ],
        ignored_columns: ['timestamp'],
      }),
      importSurveyAnswers: async (_f: string, _n: string, _b: number[], skipBad: boolean) => {
        imported = skipBad;
        return 1;
      },
    };
    await i18n.load(backend, 'en');
    const view = render(SurveysView, { props: { backend } });
    await fireEvent.click(await view.findByTestId('survey-import-post'));
    const input = (await view.findByTestId('survey-import-file')) as HTMLInputElement;
    const text = 'knowledge.policy\n4\n9\n';
    const file = new File([text], 'answers.csv', { type: 'text/csv' });
    // jsdom's File has no arrayBuffer(); the webview's has.
    Object.defineProperty(file, 'arrayBuffer', { value: async () => new TextEncoder().encode(text).buffer });
    Object.defineProperty(input, 'files', { value: [file] });
    await fireEvent.change(input);
    expect((await view.findByTestId('survey-import-summary')).textContent).toBe('2 rows, 1 with problems.');
    const rows = view.getAllByTestId('survey-import-row').map((r) => r.textContent);
    expect(rows[1]).toContain('“How well do you know “Policy” now?”: 9 is not between 1 and 5');
    expect(view.queryByTestId('survey-import-all')).toBeNull();
    await fireEvent.click(view.getByTestId('survey-import-good'));
    expect((await view.findByTestId('survey-import-done')).textContent).toBe('Imported 1 response.');
    expect(imported).toBe(true);
  });
});
