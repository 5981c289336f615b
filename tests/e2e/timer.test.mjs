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

  it('edits an agenda item, and refuses an end before the start', async () => {
    const data = tempDir('agenda');
    const browser = await launch(data);
    try {
      await (await byTestId(browser, 'nav-agenda')).click();
      await (await byTestId(browser, 'agenda-edit')).click();
      await (await byTestId(browser, 'agenda-end')).setValue('08:00');
      await (await byTestId(browser, 'agenda-save')).click();
      assert.match(await (await byTestId(browser, 'agenda-error')).getText(), /Invalid HH:MM: 09:00–08:00/);
      await (await byTestId(browser, 'agenda-end')).setValue('09:45');
      await (await byTestId(browser, 'agenda-room')).setValue('Ballroom');
      await (await byTestId(browser, 'agenda-save')).click();
      const first = await byTestId(browser, 'agenda-item');
      await browser.waitUntil(async () => (await first.getText()).includes('09:00–09:45'), { timeout: 5_000 });
      assert.match(await first.getText(), /Ballroom/);
    } finally {
      await close(browser);
    }
  });
});
