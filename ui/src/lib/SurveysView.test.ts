// @vitest-environment jsdom
// The survey kiosk: two participants answer one after the other, in Lao and in English; the
// second sees none of the first's answers; a required question left out is asked for; leaving
// needs the facilitator's code; the results count both.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import SurveysView from './SurveysView.svelte';
import { memoryBackend } from './memoryBackend';
import { localeMessages, overview } from './fixtures';
import { i18n } from './i18n.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

describe('SurveysView kiosk', () => {
  afterEach(cleanup);

  it('takes answers from one participant after another, each unseen by the next', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const view = render(SurveysView, { props: { backend } });
    await fireEvent.click(await view.findByTestId('survey-kiosk-post'));
    const start = view.getByTestId('survey-start') as HTMLButtonElement;
    await fireEvent.input(view.getByTestId('survey-code'), { target: { value: '12' } });
    expect(start.disabled).toBe(true);
    await fireEvent.input(view.getByTestId('survey-code'), { target: { value: '2468' } });
    await fireEvent.click(start);

    // The first participant, in Lao.
    await fireEvent.click(await view.findByTestId('kiosk-lang-lo'));
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

    // The second participant, in English: an empty form.
    await fireEvent.click(await view.findByTestId('kiosk-lang-en'));
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
    expect(i18n.lang).toBe('en');

    await fireEvent.click(view.getByTestId('survey-results-post'));
    expect((await view.findByTestId('survey-count')).textContent).toContain('2 responses');
    const policy = view.getAllByTestId('survey-question-result').find((e) => e.dataset.key === 'knowledge.policy')!;
    expect(policy.textContent).toContain('mean 3.00');
    const comments = view.getAllByTestId('survey-question-result').find((e) => e.dataset.key === 'comments')!;
    expect(comments.textContent).toContain('ຄວນມີເວລາຫຼາຍກວ່ານີ້');
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
    expect(row.textContent).toBe('ນະໂຍບາຍ1.50 (2)4.00 (3)');
  });
});
