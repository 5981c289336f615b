// End-to-end, in the real webview: the post-workshop survey kiosk. Two participants answer one
// after the other, in Lao and in English; the second sees nothing of the first's answers;
// leaving needs the facilitator's code; the answers are in the store.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
    const browser = await launch(data);
    try {
      await (await byTestId(browser, 'nav-surveys')).click();
      await (await byTestId(browser, 'survey-kiosk-post')).click();
      await (await byTestId(browser, 'survey-code')).setValue('2468');
      await (await byTestId(browser, 'survey-start')).click();

      // First participant: Lao.
      await (await byTestId(browser, 'kiosk-lang-lo')).click();
      const submit = await byTestId(browser, 'kiosk-submit');
      await browser.waitUntil(async () => (await submit.getText()) === lo['survey.submit'], { timeout: 5_000 });
      assert.match(await (await byTestId(browser, 'kiosk')).getText(), /ຕອນນີ້ທ່ານຮູ້ກ່ຽວກັບ “ນະໂຍບາຍ” ຫຼາຍປານໃດ\?/);
      await rate(browser, 4);
      await (await byTestId(browser, 'kiosk-comments')).setValue('ຄວນມີເວລາສົນທະນາກຸ່ມຫຼາຍກວ່ານີ້');
      await submit.click();
      await (await byTestId(browser, 'kiosk-thanks')).waitForDisplayed({ timeout: 5_000 });
      await (await byTestId(browser, 'kiosk-next')).click();

      // Second participant: English, an empty form.
      await (await byTestId(browser, 'kiosk-lang-en')).click();
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
      await (await byTestId(browser, 'survey-results-post')).click();
      const count = await byTestId(browser, 'survey-count');
      await browser.waitUntil(async () => /2 responses/.test(await count.getText()), { timeout: 5_000 });
    } finally {
      await close(browser);
    }
    const results = JSON.parse(sala(data, 'survey', 'results', 'post', '--json'));
    assert.equal(results.responses, 2);
    const overall = results.questions.find((q) => q.key === 'overall');
    assert.equal(overall.mean, 3);
    const comments = results.questions.find((q) => q.key === 'comments');
    assert.deepEqual(comments.texts, ['ຄວນມີເວລາສົນທະນາກຸ່ມຫຼາຍກວ່ານີ້']);
  });
});
