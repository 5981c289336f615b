// @vitest-environment jsdom
// Circulating a form: save it as the offline form, then take back any number of answer files at
// once — each counted once, a file for another form named with why.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import SurveysView from './SurveysView.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

function answerFile(name: string, formId: string, id: string): File {
  const body = JSON.stringify({ id, answers: { rating: { type: 'rating', value: 4 } } });
  return new File([JSON.stringify({ sala_response: 1, form_id: formId, body, sha256: '' })], name, { type: 'application/json' });
}

describe('CirculateForm', () => {
  afterEach(cleanup);

  it('saves the offline form where the coordinator chose, and imports answer files each once', async () => {
    const base = memoryBackend(overview, messages);
    const backend = { ...base, pickReportFile: async (name: string) => `/home/coordinator/${name}` };
    await i18n.load(backend, 'lo');
    const view = render(SurveysView, { props: { backend } });
    await fireEvent.click(await view.findByTestId('survey-circulate-post'));
    await fireEvent.click(view.getByTestId('offline-save'));
    expect((await view.findByTestId('offline-saved')).textContent).toBe('ບັນທຶກແລ້ວ: /home/coordinator/ການປະເມີນກອງປະຊຸມ.html');

    const input = view.getByTestId('answer-files') as HTMLInputElement;
    const files = [
      answerFile('a.json', 'post', '1b4e28ba-2fa1-41d2-883f-0016d3cca427'),
      answerFile('again.json', 'post', '1b4e28ba-2fa1-41d2-883f-0016d3cca427'),
      answerFile('other.json', 'pre', '6fa459ea-ee8a-4ca4-894e-db77e160355e'),
    ];
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    await fireEvent.change(input);
    await waitFor(() => expect(view.getByTestId('answer-files-report').textContent?.trim()).toBe('ນຳເຂົ້າ 1, ມີຢູ່ແລ້ວ 1 (ນັບເທື່ອດຽວ), ບໍ່ໄດ້ຮັບ 1.'));
    expect(view.getByTestId('answer-file-refused').textContent).toContain('“other.json”');
    expect(view.getByTestId('answer-files-name').textContent).toBe('ເລືອກ 3 ໄຟລ໌ແລ້ວ');
  });

  it('saves the printable form in the UI language and the XLSForm under names that say what they are', async () => {
    const base = memoryBackend(overview, messages);
    const asked: [string, string][] = [];
    const written: unknown[][] = [];
    const backend = {
      ...base,
      pickReportFile: async (name: string, extension: string) => (asked.push([name, extension]), `/tmp/${name}`),
      saveSurveyForm: async (...args: Parameters<typeof base.saveSurveyForm>) => (written.push(args), base.saveSurveyForm(...args)),
    };
    await i18n.load(backend, 'en');
    const view = render(SurveysView, { props: { backend } });
    await fireEvent.click(await view.findByTestId('survey-circulate-post'));
    await fireEvent.click(view.getByTestId('printable-save'));
    await view.findByTestId('offline-saved');
    await fireEvent.click(view.getByTestId('xlsform-save'));
    await waitFor(() => expect(written).toHaveLength(2));
    expect(asked).toEqual([
      ['Workshop evaluation.docx', 'docx'],
      ['Workshop evaluation (XLSForm).xlsx', 'xlsx'],
    ]);
    expect(written).toEqual([
      ['post', 'docx', 'en', '/tmp/Workshop evaluation.docx'],
      ['post', 'xlsform', 'en', '/tmp/Workshop evaluation (XLSForm).xlsx'],
    ]);
  });
});
