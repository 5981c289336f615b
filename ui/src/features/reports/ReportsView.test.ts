// @vitest-environment jsdom
// The Reports view: what is asked for reaches the backend as one request (kind, format,
// language, parts, path); the formats and languages follow the kind; the saved file can be
// opened or shown in its folder; a bad path is a translated error.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import ReportsView from './ReportsView.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import type { ReportRequest } from '../../backend/bindings';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

function setup() {
  const base = memoryBackend(overview, messages);
  const requests: ReportRequest[] = [];
  const opened: string[] = [];
  const backend = {
    ...base,
    saveReport: async (r: ReportRequest) => {
      requests.push(r);
      return base.saveReport(r);
    },
    openPath: async (p: string) => void opened.push(`open ${p}`),
    revealPath: async (p: string) => void opened.push(`reveal ${p}`),
  };
  return { backend, requests, opened };
}

describe('ReportsView', () => {
  afterEach(cleanup);

  it('saves a Lao summary without the annex, then opens it and its folder', async () => {
    const { backend, requests, opened } = setup();
    await i18n.load(backend, 'lo');
    const view = render(ReportsView, { props: { backend } });
    const path = (await view.findByTestId('report-path')) as HTMLInputElement;
    await view.findByDisplayValue('/memory/Sala/summary-report-lo.docx');
    expect(path.value).toBe('/memory/Sala/summary-report-lo.docx');
    await fireEvent.click(view.getByTestId('report-part-annex'));
    await fireEvent.click(view.getByTestId('report-save'));
    const saved = await view.findByTestId('report-saved');
    expect(saved.textContent).toContain('ບັນທຶກ /memory/Sala/summary-report-lo.docx (1 KB) ແລ້ວ.');
    expect(requests).toEqual([
      {
        kind: 'summary',
        format: 'docx',
        lang: 'lo',
        parts: {
          participation: true,
          participant_list: false,
          groups: true,
          across: true,
          actions: true,
          surveys: true,
          annex: false,
          by_session: false,
          pictures: true,
        },
        path: '/memory/Sala/summary-report-lo.docx',
        anonymised: false,
        pictures_checked: false,
      },
    ]);
    await fireEvent.click(view.getByTestId('report-open'));
    await fireEvent.click(view.getByTestId('report-reveal'));
    expect(opened).toEqual(['open /memory/Sala/summary-report-lo.docx', 'reveal /memory/Sala/summary-report-lo.docx']);
  });

  it('offers the formats and languages each kind has', async () => {
    const { backend, requests } = setup();
    await i18n.load(backend, 'en');
    const view = render(ReportsView, { props: { backend } });
    await view.findByDisplayValue('/memory/Sala/summary-report-en.docx');
    expect(view.getByTestId('report-lang-both')).toBeTruthy();
    await fireEvent.click(view.getByTestId('report-lang-both'));
    // The action plan: spreadsheets only, one language at a time (both falls back to Lao).
    await fireEvent.click(view.getByTestId('report-kind-actions'));
    expect(view.queryByTestId('report-format-docx')).toBeNull();
    expect(view.queryByTestId('report-lang-both')).toBeNull();
    expect(view.queryByTestId('report-part-annex')).toBeNull();
    await fireEvent.click(view.getByTestId('report-format-csv'));
    const path = view.getByTestId('report-path') as HTMLInputElement;
    expect(path.value).toBe('/memory/Sala/action-plan-lo.csv');
    await fireEvent.click(view.getByTestId('report-save'));
    await view.findByTestId('report-saved');
    expect(requests.at(-1)).toMatchObject({ kind: 'actions', format: 'csv', lang: 'lo' });
  });

  it('a path that is not a full path is refused with a translated message', async () => {
    const { backend } = setup();
    await i18n.load(backend, 'en');
    const view = render(ReportsView, { props: { backend } });
    const path = (await view.findByTestId('report-path')) as HTMLInputElement;
    await fireEvent.input(path, { target: { value: 'report.docx' } });
    await fireEvent.click(view.getByTestId('report-save'));
    const alert = await view.findByTestId('report-error');
    expect(alert.textContent).toBe('Invalid path: report.docx');
    expect(view.queryByTestId('report-saved')).toBeNull();
  });

  it('exports a survey\'s answers as a spreadsheet, naming the form', async () => {
    const { backend, requests } = setup();
    await i18n.load(backend, 'en');
    const view = render(ReportsView, { props: { backend } });
    await fireEvent.click(await view.findByTestId('report-kind-survey'));
    await fireEvent.click(await view.findByTestId('report-survey-post'));
    await fireEvent.click(view.getByTestId('report-format-csv'));
    expect(view.queryByTestId('report-format-docx')).toBeNull();
    expect(view.queryByTestId('report-lang-both')).toBeNull();
    await fireEvent.click(view.getByTestId('report-save'));
    await view.findByTestId('report-saved');
    expect(requests.map((r) => [r.kind, r.form, r.format, r.path])).toEqual([['survey', 'post', 'csv', '/memory/Sala/survey-post-en.csv']]);
  });

  it('saves an anonymised brief, and the participant list only as its own, labelled action', async () => {
    const { backend, requests } = setup();
    await i18n.load(backend, 'en');
    const view = render(ReportsView, { props: { backend } });
    await fireEvent.click(await view.findByTestId('report-kind-brief'));
    await fireEvent.click(view.getByTestId('report-anonymised'));
    await fireEvent.click(view.getByTestId('report-save'));
    await view.findByTestId('report-saved');
    await fireEvent.click(view.getByTestId('report-kind-participants'));
    expect(view.getByTestId('report-personal').textContent).toContain('Personal data');
    expect(view.queryByTestId('report-anonymised')).toBeNull();
    await fireEvent.click(view.getByTestId('report-save'));
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests.map((r) => [r.kind, r.anonymised, r.path])).toEqual([
      ['brief', true, '/memory/Sala/policy-brief-en.docx'],
      ['participants', false, '/memory/Sala/participant-list-en.xlsx'],
    ]);
  });
});

describe('pictures in the summary report', () => {
  afterEach(cleanup);

  it('keeps pictures in an anonymised report only when the person checked them, and leaves them out when asked', async () => {
    const { backend, requests } = setup();
    await i18n.load(backend, 'en');
    const view = render(ReportsView, { props: { backend } });
    await view.findByDisplayValue('/memory/Sala/summary-report-en.docx');
    expect(view.queryByTestId('report-pictures-checked')).toBeNull();
    await fireEvent.click(view.getByTestId('report-anonymised'));
    const checked = view.getByTestId('report-pictures-checked') as HTMLInputElement;
    expect(checked.checked).toBe(false);
    expect(checked.parentElement?.textContent).toContain('none shows a face or a name');
    await fireEvent.click(view.getByTestId('report-save'));
    await view.findByTestId('report-saved');
    await fireEvent.click(checked);
    await fireEvent.click(view.getByTestId('report-save'));
    // Left out: the question does not arise.
    await fireEvent.click(view.getByTestId('report-part-pictures'));
    expect(view.queryByTestId('report-pictures-checked')).toBeNull();
    await fireEvent.click(view.getByTestId('report-save'));
    await waitFor(() => expect(requests).toHaveLength(3));
    expect(requests.map((r) => [r.anonymised, r.parts.pictures, r.pictures_checked])).toEqual([
      [true, true, false],
      [true, true, true],
      [true, false, true],
    ]);
  });
});

describe('the summary report session by session', () => {
  it('asks for the groups\' work session by session, and not when the groups are left out', async () => {
    const { backend, requests } = setup();
    await i18n.load(backend, 'en');
    const view = render(ReportsView, { props: { backend } });
    await view.findByDisplayValue('/memory/Sala/summary-report-en.docx');
    const byGroup = view.getByTestId('report-by-group') as HTMLInputElement;
    const bySession = view.getByTestId('report-by-session') as HTMLInputElement;
    expect(byGroup.checked).toBe(true);
    expect(bySession.parentElement?.textContent).toContain('Session by session');
    await fireEvent.click(bySession);
    await fireEvent.click(view.getByTestId('report-save'));
    await view.findByTestId('report-saved');
    expect(requests.at(-1)?.parts).toMatchObject({ groups: true, by_session: true });
    // Without the groups' part there is nothing to lay out.
    await fireEvent.click(view.getByTestId('report-part-groups'));
    expect(bySession.disabled).toBe(true);
  });
});
