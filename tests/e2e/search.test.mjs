// End-to-end, in the real webview: search a Lao word, see the hits highlighted, open one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, close, launch, messages, sala, startDriver, stopDriver, tempDir } from './harness.mjs';

const lo = messages('lo');

describe('search in the real webview', () => {
  before(startDriver);
  after(stopDriver);

  it('finds a Lao word inside unspaced Lao text and opens the note', async () => {
    const data = tempDir('search');
    let browser = await launch(data);
    await close(browser);
    sala(data, 'note', 'add', '--group', 'C', '--question', '4', '--text', 'ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງຍັງມີຂໍ້ຈຳກັດ');
    sala(data, 'note', 'add', '--group', 'A', '--question', '1', '--text', 'Budget for data centres');
    sala(data, 'card', 'add', '--group', 'B', '--focus', 'data-sharing', '--quadrant', 'w', '--text', 'ບໍ່ມີກົດໝາຍແບ່ງປັນຂໍ້ມູນ');
    browser = await launch(data);
    try {
      await (await byTestId(browser, 'lang-lo')).click();
      const box = await byTestId(browser, 'search');
      await box.setValue('ກະຊວງ');
      await browser.keys('Enter');
      const results = await byTestId(browser, 'search-results');
      await browser.waitUntil(async () => (await browser.$$('[data-testid="search-hit"]')).length === 1, { timeout: 5_000 });
      const mark = await results.$('mark');
      assert.equal(await mark.getText(), 'ກະຊວງ');
      assert.match(await results.getText(), new RegExp(lo['search.kind.note']));

      // A one-syllable search, finding a note and a card.
      await box.setValue('ຂໍ້ມູນ');
      await browser.keys('Enter');
      await browser.waitUntil(async () => (await browser.$$('[data-testid="search-hit"]')).length === 2, { timeout: 5_000 });

      // Open the note: its group and question, the note marked.
      await box.setValue('ກະຊວງ');
      await browser.keys('Enter');
      await browser.waitUntil(async () => (await browser.$$('[data-testid="search-hit"]')).length === 1, { timeout: 5_000 });
      await (await byTestId(browser, 'search-hit')).click();
      const tab = await byTestId(browser, 'question-tab-4');
      await browser.waitUntil(async () => (await tab.getAttribute('aria-selected')) === 'true', { timeout: 5_000 });
      const note = await browser.$('[data-testid="note-item"][data-highlighted="true"]');
      await note.waitForExist({ timeout: 5_000 });
      assert.match(await note.getText(), /ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງ/);
    } finally {
      await close(browser);
    }
  });
});
