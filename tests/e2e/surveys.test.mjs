// End-to-end, in the real webview: the post-workshop survey kiosk. Two participants answer one
// after the other, in Lao and in English — the first finds their name, the second is not on the
// list; the second sees nothing of the first's answers; leaving needs the facilitator's code;
// the answers are in the store. Then the coordinator's side: a form edited, paper forms typed in
// with the keyboard only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, close, launch, messages, sala, startDriver, stopDriver, tempDir } from './harness.mjs';

const lo = messages('lo');
const en = messages('en');

/** Clicks the value-`v` point of every knowledge question and of the overall rating. */
async function rate(browser, v) {
  for (const input of await browser.$$(`[data-testid^="kiosk-knowledge."][data-testid$="-${v}"]`)) {
    await input.click();
  }
  await (await byTestId(browser, `kiosk-overall-${v}`)).click();
}

describe('survey kiosk in the real webview', () => {
  before(startDriver);
  after(stopDriver);

  it('takes two participants’ answers, in Lao and English, each unseen by the next', async () => {
    const data = tempDir('surveys');
    sala(data, 'init', '--demo');
    sala(data, 'participant', 'add', '--name-lo', 'ແກ້ວມະນີ ສີສຸວັນ', '--name-en', 'Keomany Sisouvanh', '--consent');
    sala(data, 'participant', 'add', '--name-lo', 'ຄຳຫຼ້າ', '--name-en', 'Khamla');
    const browser = await launch(data);
    try {
      await (await byTestId(browser, 'nav-surveys')).click();
      await (await byTestId(browser, 'survey-kiosk-post')).click();
      await (await byTestId(browser, 'survey-code')).setValue('2468');
      await (await byTestId(browser, 'survey-start')).click();

      // The navigation under the kiosk cannot be reached (inert: no click, no Tab).
      assert.equal(await browser.execute(() => document.querySelector('[data-testid="nav-surveys"]').closest('[inert]') !== null), true);
      // First participant: Lao; finds their name by typing part of it.
      await (await byTestId(browser, 'kiosk-lang-lo')).click();
      await (await byTestId(browser, 'kiosk-who')).setValue('ແກ້ວ');
      const person = await byTestId(browser, 'kiosk-person');
      assert.equal(await person.getText(), 'ແກ້ວມະນີ ສີສຸວັນ');
      assert.equal((await browser.$$('[data-testid="kiosk-person"]')).length, 1, 'only the name typed shows');
      await person.click();
      const submit = await byTestId(browser, 'kiosk-submit');
      await browser.waitUntil(async () => (await submit.getText()) === lo['survey.submit'], { timeout: 5_000 });
      assert.match(await (await byTestId(browser, 'kiosk')).getText(), /ຕອນນີ້ທ່ານຮູ້ກ່ຽວກັບ “ນະໂຍບາຍ” ຫຼາຍປານໃດ\?/);
      await rate(browser, 4);
      await (await byTestId(browser, 'kiosk-comments')).setValue('ຄວນມີເວລາສົນທະນາກຸ່ມຫຼາຍກວ່ານີ້');
      await submit.click();
      await (await byTestId(browser, 'kiosk-thanks')).waitForDisplayed({ timeout: 5_000 });
      await (await byTestId(browser, 'kiosk-next')).click();

      // Second participant: English, not on the list, an empty form.
      await (await byTestId(browser, 'kiosk-lang-en')).click();
      assert.equal(await (await byTestId(browser, 'kiosk-who')).getValue(), '');
      await (await byTestId(browser, 'kiosk-not-listed')).click();
      const submit2 = await byTestId(browser, 'kiosk-submit');
      await browser.waitUntil(async () => (await submit2.getText()) === en['survey.submit'], { timeout: 5_000 });
      assert.equal((await browser.$$('[data-testid="kiosk"] input:checked')).length, 0, 'no earlier answer shows');
      assert.equal(await (await byTestId(browser, 'kiosk-comments')).getValue(), '');
      assert.doesNotMatch(await (await byTestId(browser, 'kiosk')).getText(), /ຄວນມີເວລາ/);
      // Sent without the required answers: asked for.
      await submit2.click();
      await (await byTestId(browser, 'kiosk-missing')).waitForDisplayed({ timeout: 5_000 });
      await rate(browser, 2);
      await submit2.click();
      await (await byTestId(browser, 'kiosk-thanks')).waitForDisplayed({ timeout: 5_000 });

      // Leaving: a wrong code keeps the kiosk; the right one leaves it.
      await (await byTestId(browser, 'kiosk-leave')).click();
      await (await byTestId(browser, 'kiosk-code')).setValue('1111');
      await (await byTestId(browser, 'kiosk-leave-confirm')).click();
      await (await byTestId(browser, 'kiosk-wrong-code')).waitForDisplayed({ timeout: 5_000 });
      await (await byTestId(browser, 'kiosk-code')).setValue('2468');
      await (await byTestId(browser, 'kiosk-leave-confirm')).click();
      // The kiosk closes on the next render: wait for it rather than read at once (CI once read
      // the window before the kiosk had gone).
      await browser.waitUntil(async () => browser.execute(() => document.querySelector('[inert]') === null), {
        timeout: 5_000,
        timeoutMsg: 'something is still inert after the kiosk',
      });
      await (await byTestId(browser, 'survey-results-post')).click();
      const count = await byTestId(browser, 'survey-count');
      await browser.waitUntil(async () => /2 responses/.test(await count.getText()), { timeout: 5_000 });

      // The coordinator renames the follow-up form (nobody has answered it: still version 1).
      await (await byTestId(browser, 'survey-edit-follow_up')).click();
      const title = await byTestId(browser, 'editor-title-en');
      await title.setValue('Three months later');
      await (await byTestId(browser, 'editor-save')).click();
      const saved = await byTestId(browser, 'editor-saved');
      await browser.waitUntil(async () => (await saved.getText()) === en['survey.editor.saved'].replace('%{n}', '1'), { timeout: 5_000 });
      await (await byTestId(browser, 'editor-close')).click();
      await browser.waitUntil(
        async () => /Three months later/.test(await (await browser.$('[data-testid="survey-form"][data-kind="follow_up"]')).getText()),
        { timeout: 5_000, timeoutMsg: 'the new title is not listed' },
      );

      // Two paper forms typed in with the keyboard only: a choice's number, several numbers,
      // words; Enter goes on, Ctrl+Enter saves and starts the next form.
      await (await byTestId(browser, 'survey-paper-follow_up')).click();
      const first = await byTestId(browser, 'paper-used');
      await browser.waitUntil(async () => first.isFocused(), { timeout: 5_000, timeoutMsg: 'the first question has no focus' });
      // One WebDriver call per keystroke group: in one long action chain WebKitWebDriver
      // delivers keys typed right after an Enter to the field Enter left.
      for (const keys of [['1'], ['Enter'], ['1', ' ', '3'], ['Enter'], [...'ຮ່າງນະໂຍບາຍແລ້ວ'], ['Control', 'Enter', 'Control']]) {
        await browser.keys(keys);
      }
      const entered = await byTestId(browser, 'paper-count');
      await browser.waitUntil(async () => (await entered.getText()) === en['survey.paper_entry.entered'].replace('%{n}', '1'), { timeout: 5_000 });
      await browser.waitUntil(async () => first.isFocused(), { timeout: 5_000, timeoutMsg: 'the next form does not start at the top' });
      await browser.keys(['3', 'Control', 'Enter', 'Control']);
      await browser.waitUntil(async () => (await entered.getText()) === en['survey.paper_entry.entered'].replace('%{n}', '2'), { timeout: 5_000 });
    } finally {
      await close(browser);
    }
    const results = JSON.parse(sala(data, 'survey', 'results', 'post', '--json'));
    assert.equal(results.responses, 2);
    const overall = results.questions.find((q) => q.key === 'overall');
    assert.equal(overall.mean, 3);
    const comments = results.questions.find((q) => q.key === 'comments');
    assert.deepEqual(comments.texts, ['ຄວນມີເວລາສົນທະນາກຸ່ມຫຼາຍກວ່ານີ້']);
    // The first answer is linked to the participant who found their name, the second to nobody.
    const csv = join(data, 'post.csv');
    sala(data, 'survey', 'export', 'post', '--format', 'csv', '--lang', 'en', '--out', csv);
    const rows = readFileSync(csv, 'utf8').trim().split('\r\n');
    assert.equal(rows.length, 3, rows.join('\n'));
    assert.match(rows[1], /^1,1,[^,]*,Keomany Sisouvanh,/);
    assert.match(rows[2], /^2,1,[^,]*,,/);
    // The paper forms: read as typed.
    const follow = JSON.parse(sala(data, 'survey', 'results', 'follow_up', '--json'));
    assert.equal(follow.responses, 2);
    const used = follow.questions.find((q) => q.key === 'used');
    assert.deepEqual(used.distribution, [['yes', 1], ['partly', 0], ['no', 1]]);
    const taken = follow.questions.find((q) => q.key === 'actions_taken');
    assert.deepEqual(taken.distribution.filter(([, n]) => n > 0).map(([k]) => k).length, 2);
  });
});
