// End-to-end, in the real webview: the facilitator's timer counts down, pauses and resumes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, close, launch, startDriver, stopDriver, tempDir } from './harness.mjs';

const seconds = (text) => {
  const [m, s] = text.split(':').map(Number);
  return m * 60 + s;
};

describe('the timer in the real webview', () => {
  before(startDriver);
  after(stopDriver);

  it('starts, counts down, pauses and resumes', async () => {
    const data = tempDir('timer');
    const browser = await launch(data);
    try {
      await (await byTestId(browser, 'nav-timer')).click();
      await (await byTestId(browser, 'timer-preset-5')).click();
      const time = await byTestId(browser, 'timer-time');
      assert.equal(await time.getText(), '05:00');
      await (await byTestId(browser, 'timer-start')).click();
      await browser.waitUntil(async () => seconds(await time.getText()) <= 298, { timeout: 6_000, timeoutMsg: 'not counting down' });
      await (await byTestId(browser, 'timer-pause')).click();
      const paused = await time.getText();
      await browser.pause(1_500);
      assert.equal(await time.getText(), paused, 'a paused timer stands still');
      await (await byTestId(browser, 'timer-add')).click();
      assert.equal(seconds(await time.getText()), seconds(paused) + 60);
      await (await byTestId(browser, 'timer-start')).click();
      await browser.waitUntil(async () => seconds(await time.getText()) < seconds(paused) + 60, { timeout: 6_000, timeoutMsg: 'did not resume' });
    } finally {
      await close(browser);
    }
  });
});
