// End-to-end, in the real webview: a coordinator sets up a two-day workshop in Lao from the
// blank template (3 focus areas, 2 guiding questions, 4 sessions, 2 groups) with the New
// workshop steps; a second laptop joins it through a shared folder and takes a note in the
// session running now by its clock; the coordinator's HTML report, session by session, shows
// the note under that session. Screens are saved (SALA_SCREENSHOTS) in Lao and English.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, close, launch, messages, shot, startDriver, stopDriver, tempDir } from './harness.mjs';

const lo = messages('lo');
const en = messages('en');
const TITLE = 'ກອງປະຊຸມປຶກສາຫາລື ຂໍ້ມູນສາທາລະນະສຸກ';
const AREAS = ['ນະໂຍບາຍ', 'ລະບົບ', 'ບຸກຄະລາກອນ'];
const QUESTIONS = ['ຈຸດແຂງ ແລະ ຈຸດອ່ອນແມ່ນຫຍັງ?', 'ບາດກ້າວຕໍ່ໄປແມ່ນຫຍັງ?'];
// Day 1 is today: its breakout runs all day, so the second laptop's clock is inside it.
const SESSIONS = [
  [1, '00:00', '00:01', 'opening', 'ພິທີເປີດ'],
  [1, '00:01', '23:59', 'breakout', 'ກຸ່ມຍ່ອຍ ມື້ທີໜຶ່ງ'],
  [2, '09:00', '12:00', 'breakout', 'ກຸ່ມຍ່ອຍ ມື້ທີສອງ'],
  [2, '11:30', '12:30', 'closing', 'ພິທີປິດ'],
];
const NOTE = 'ການເກັບຂໍ້ມູນສຸຂະພາບຍັງກະແຈກກະຈາຍຢູ່ຫຼາຍລະບົບ';

const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Sets an input's value as typing would (date inputs take no keystrokes over WebDriver). */
async function set(browser, testid, value) {
  await byTestId(browser, testid);
  await browser.execute(
    (id, v) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    testid,
    value,
  );
}

async function until(browser, fn, msg, timeout = 20_000) {
  await browser.waitUntil(fn, { timeout, interval: 250, timeoutMsg: msg });
}

async function count(browser, testid) {
  return (await browser.$$(`[data-testid="${testid}"]`)).length;
}

async function share(browser, folder, label, m) {
  await (await byTestId(browser, 'nav-sync')).click();
  const input = await byTestId(browser, 'sync-folder');
  await input.clearValue();
  await input.setValue(folder);
  const l = await byTestId(browser, 'sync-label');
  await l.clearValue();
  await l.setValue(label);
  await (await byTestId(browser, 'sync-save')).click();
  const msg = await byTestId(browser, 'sync-message');
  await until(browser, async () => (await msg.getText()) === m['sync.saved'], 'settings not saved');
}

async function syncNow(browser, m) {
  const button = await byTestId(browser, 'sync-now-footer');
  await button.click();
  await until(browser, async () => (await button.getText()) === m['sync.now'], 'sync never finished');
}

describe('a workshop of one\'s own, in the real webview', () => {
  before(async () => {
    await startDriver(4444, 4445);
    await startDriver(4446, 4447);
  });
  after(stopDriver);

  it('is set up in Lao from the blank template, joined, and reported session by session', async () => {
    // The breakout runs 00:01–23:59: not at the day's first or last minute.
    while (['00:00', '23:59'].includes(new Date().toTimeString().slice(0, 5))) await new Promise((r) => setTimeout(r, 5_000));
    const today = new Date();
    const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    const shared = tempDir('workshop-shared');
    const out = tempDir('workshop-out');
    const a = await launch(tempDir('coordinator'), 4444);
    const b = await launch(tempDir('table-2'), 4446);
    try {
      // The coordinator, in Lao, from the demo's "set up your own workshop".
      await (await byTestId(a, 'lang-lo')).click();
      await (await byTestId(a, 'demo-new-workshop')).click();
      await (await byTestId(a, 'new-template-blank')).click();
      await set(a, 'new-start', iso(today));
      await shot(a, 'new-workshop-template-lo');
      await (await byTestId(a, 'new-next')).click();

      await (await byTestId(a, 'new-title-lo')).setValue(TITLE);
      await set(a, 'new-end-date', iso(tomorrow));
      await until(a, async () => (await (await byTestId(a, 'new-days')).getText()) === lo['new_workshop.days'].replace('%{n}', '2'), 'not two days');
      await (await byTestId(a, 'new-venue-lo')).setValue('ນະຄອນຫຼວງວຽງຈັນ');
      await shot(a, 'new-workshop-facts-lo');

      await (await byTestId(a, 'new-step-focus')).click();
      for (const [i, name] of AREAS.entries()) {
        await (await byTestId(a, 'new-add-focus')).click();
        await (await byTestId(a, `new-focus-${i}-lo`)).setValue(name);
      }
      // Back to the facts and forward: nothing lost.
      await (await byTestId(a, 'new-back')).click();
      await (await byTestId(a, 'new-back')).click();
      assert.equal(await (await byTestId(a, 'new-title-lo')).getValue(), TITLE);
      await (await byTestId(a, 'new-step-questions')).click();
      for (const [i, q] of QUESTIONS.entries()) {
        await (await byTestId(a, 'new-add-question')).click();
        await (await byTestId(a, `new-question-${i}-lo`)).setValue(q);
      }
      await (await byTestId(a, 'new-next')).click();
      for (const [i, [day, start, end, kind, title]] of SESSIONS.entries()) {
        await (await byTestId(a, 'new-add-session')).click();
        await (await byTestId(a, `new-session-day-${i}`)).selectByAttribute('value', String(day));
        await (await byTestId(a, `new-session-start-${i}`)).setValue(start);
        await (await byTestId(a, `new-session-end-${i}`)).setValue(end);
        await (await byTestId(a, `new-session-kind-${i}`)).selectByAttribute('value', kind);
        await (await byTestId(a, `new-session-${i}-lo`)).setValue(title);
      }
      // Day 2's breakout and closing overlap: said on both, not refused.
      await until(a, async () => (await count(a, 'overlap-warning')) === 2, 'the overlap is not pointed out');
      await shot(a, 'new-workshop-agenda-lo');
      await (await byTestId(a, 'new-next')).click();
      for (const [i, areas] of [['area', 'area-2'], ['area-3']].entries()) {
        await (await byTestId(a, 'new-add-group')).click();
        for (const code of areas) await (await byTestId(a, `new-group-${i}-area-${code}`)).click();
      }
      await (await byTestId(a, 'new-group-facilitator-0')).setValue('ສົມພອນ');
      await shot(a, 'new-workshop-groups-lo');
      await (await byTestId(a, 'new-create')).click();

      // Made: an ordinary workshop, open now, its settings on screen.
      await byTestId(a, 'settings-title');
      const title = await byTestId(a, 'workshop-title');
      await until(a, async () => (await title.getText()).includes(TITLE), 'the new workshop is not open');
      assert.ok(!(await title.getText()).includes(lo['bilingual.only_lo']), 'in Lao, the Lao title is not marked');
      assert.equal(await count(a, 'settings-focus-row'), 3);
      assert.equal(await count(a, 'settings-question'), 2);
      assert.equal(await count(a, 'settings-session'), 4);
      assert.equal(await count(a, 'group-A') + (await count(a, 'group-B')), 2);
      await shot(a, 'settings-lo');
      for (const part of ['focus', 'questions', 'agenda']) {
        await a.execute((id) => document.getElementById(id)?.scrollIntoView(), `settings-${part}`);
        await shot(a, `settings-${part}-lo`);
      }
      await share(a, shared, 'Table 1', lo);

      // The second laptop joins from the folder, through Workshops → Join a workshop.
      await (await byTestId(b, 'open-workshops')).click();
      await shot(b, 'workshops-en');
      await (await byTestId(b, 'workshops-join')).click();
      await (await byTestId(b, 'join-folder')).setValue(shared);
      await (await byTestId(b, 'join-look')).click();
      await (await byTestId(b, 'join-workshop')).click();
      const joined = await byTestId(b, 'sync-message');
      await until(b, async () => (await joined.getText()).startsWith('Joined'), 'B did not join');
      await share(b, shared, 'Table 2', en);
      // B shows English: the title, in Lao only so far, is marked as such.
      const titleB = await byTestId(b, 'workshop-title');
      await until(b, async () => (await titleB.getText()).includes(TITLE), 'B is not on the new workshop');
      assert.ok((await titleB.getText()).includes(en['bilingual.only_lo']), 'the Lao-only title is marked');

      // A note at group A's table, in the session running now by B's clock.
      await (await byTestId(b, 'group-A')).click();
      await (await byTestId(b, 'question-tab-1')).click();
      const picker = await byTestId(b, 'session-picker');
      await until(b, async () => (await picker.getValue()) === 'clock', 'the picker does not follow the clock');
      const running = await (await picker.$('option[value="clock"]')).getText();
      assert.ok(running.includes(SESSIONS[1][4]), `the running session is shown: ${running}`);
      const composer = await byTestId(b, 'composer');
      await composer.click();
      await composer.setValue(NOTE);
      await b.keys('Enter');
      await until(b, async () => (await (await byTestId(b, 'note-text')).getText()) === NOTE, 'the note is not listed');
      await shot(b, 'group-session-en');
      await syncNow(b, en);

      // The coordinator's report, session by session, as a web page.
      await (await byTestId(a, 'nav-reports')).click();
      await (await byTestId(a, 'report-format-html')).click();
      await (await byTestId(a, 'report-by-session')).click();
      const page = join(out, 'sessions.html');
      let html = '';
      await until(
        a,
        async () => {
          await syncNow(a, lo);
          await (await byTestId(a, 'report-path')).setValue(page);
          await (await byTestId(a, 'report-save')).click();
          await (await byTestId(a, 'report-saved')).waitForDisplayed({ timeout: 10_000 });
          html = readFileSync(page, 'utf8');
          return html.includes(NOTE);
        },
        'the note never reached the coordinator\'s report',
        60_000,
      );
      await shot(a, 'reports-by-session-lo');
      const heading = html.indexOf(`${SESSIONS[1][4]}</h3>`);
      const note = html.indexOf(NOTE);
      const nextSession = html.indexOf('<h3', heading + 1);
      assert.ok(heading > 0, 'the running session is a heading of the report');
      assert.ok(note > heading && (nextSession < 0 || note < nextSession), 'the note is under the session it was taken in');
      assert.ok(html.includes(`>${lo['report.sessions']}</h2>`), 'the report goes session by session');

      // The new screens in English too.
      await (await byTestId(a, 'lang-en')).click();
      await (await byTestId(a, 'nav-settings')).click();
      await byTestId(a, 'settings-title');
      await shot(a, 'settings-en');
      await a.execute(() => document.getElementById('settings-agenda')?.scrollIntoView());
      await shot(a, 'settings-agenda-en');
      await (await byTestId(a, 'open-workshops')).click();
      await until(a, async () => (await count(a, 'workshop-choice')) === 2, 'the demo and the new workshop are listed');
      await shot(a, 'workshops-list-en');
      await (await byTestId(a, 'workshops-new')).click();
      await shot(a, 'new-workshop-template-en');
      await (await byTestId(a, 'new-next')).click();
      await byTestId(a, 'new-title-en');
      await shot(a, 'new-workshop-facts-en');
      await (await byTestId(a, 'new-step-agenda')).click();
      await shot(a, 'new-workshop-agenda-en');
      await (await byTestId(a, 'new-workshop-cancel')).click();
    } finally {
      await close(a);
      await close(b);
    }
  });
});
