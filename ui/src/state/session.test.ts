// @vitest-environment jsdom
// The session a note is taken in: the one on now by the laptop's clock, unless one was chosen
// by hand (kept for this workshop), or none — said beside the composer, in Lao and English.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import SessionPicker from '../shared/SessionPicker.svelte';
import { localeMessages, overview as base } from '../backend/fixtures';
import { i18n } from './i18n.svelte';
import { session } from './session.svelte';
import type { AgendaItem, WorkshopOverview } from '../backend/bindings';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

const item = (id: string, day: number, starts_at: string, ends_at: string, en: string, lo: string): AgendaItem => ({
  id,
  workshop_id: base.workshop.id,
  day,
  position: 0,
  kind: 'breakout',
  title: { en, lo },
  starts_at,
  ends_at,
  room: '',
  deleted: false,
});

const overview: WorkshopOverview = {
  ...base,
  agenda: [
    item('s1', 1, '09:00', '12:00', 'Breakout 1', 'ກຸ່ມຍ່ອຍ 1'),
    item('s2', 2, '09:00', '12:00', 'Breakout 2', 'ກຸ່ມຍ່ອຍ 2'),
  ],
};

describe('the session of what is typed now', () => {
  afterEach(() => {
    cleanup();
    session.choose(overview, 'clock');
  });

  it('follows the clock, then a choice, then none', () => {
    // Day 2 of the workshop (it starts 2023-05-11), 10:15.
    session.now = new Date(2023, 4, 12, 10, 15);
    expect(session.current(overview)).toBe('s2');
    session.now = new Date(2023, 4, 12, 13, 0);
    expect(session.current(overview)).toBeNull();
    session.choose(overview, 's1');
    expect(session.current(overview)).toBe('s1');
    session.choose(overview, 'none');
    expect(session.current(overview)).toBeNull();
    // A session removed from the agenda is not kept: the clock again.
    session.choose(overview, 'gone');
    expect(session.mode(overview)).toBe('clock');
  });

  it('is shown and changed beside the composer, in Lao', async () => {
    i18n.set('lo', messages.lo);
    session.now = new Date(2023, 4, 11, 9, 30);
    const view = render(SessionPicker, { props: { overview } });
    const select = view.getByTestId('session-picker') as HTMLSelectElement;
    expect(select.value).toBe('clock');
    expect(select.options[0].textContent).toContain('ດຽວນີ້: ມື້ທີ 1 · 09:00 · ກຸ່ມຍ່ອຍ 1');
    await fireEvent.change(select, { target: { value: 's2' } });
    expect(session.current(overview)).toBe('s2');
    expect(JSON.parse(localStorage.getItem('sala.sessions') ?? '{}')[overview.workshop.id]).toBe('s2');
  });
});
