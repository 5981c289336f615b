// End-to-end, in the real webview: what a note-taker does and what must survive.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appPid, byTestId, close, launch, messages, sala, startDriver, stopDriver, tempDir, waitSaved,
} from './harness.mjs';

const LAO_NOTE = 'ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງຍັງມີຂໍ້ຈຳກັດ';
const lo = messages('lo');
const en = messages('en');

async function openQuestion(browser, group, n) {
  await (await byTestId(browser, `group-${group}`)).click();
  await (await byTestId(browser, `question-tab-${n}`)).click();
}

async function noteTexts(browser) {
  await byTestId(browser, 'notes');
  const items = await browser.$$('[data-testid="note-text"]');
  const texts = [];
  for (const item of items) texts.push(await item.getText());
  return texts;
}

describe('Sala in the real webview', () => {
  before(startDriver);
  after(stopDriver);

  it('switches to Lao, draws Lao with the bundled font, and keeps a Lao note across a restart', async () => {
    const data = tempDir('lao');
    let browser = await launch(data);
    try {
      await (await byTestId(browser, 'lang-lo')).click();
      // Every visible label is the Lao one.
      const agenda = await byTestId(browser, 'nav-agenda');
      await browser.waitUntil(async () => (await agenda.getText()) === lo['nav.agenda'], { timeout: 5_000 });
      assert.equal(await (await byTestId(browser, 'nav-focus')).getText(), lo['nav.focus_areas']);
      assert.equal(await (await byTestId(browser, 'nav-trash')).getText(), lo['nav.trash']);
      assert.equal(await (await byTestId(browser, 'group-A')).getText(), lo['group.label'].replace('%{name}', 'A'));
      assert.equal(await (await byTestId(browser, 'question-tab-1')).getText(), lo['question.short'].replace('%{n}', '1'));
      assert.match(await (await byTestId(browser, 'workshop-title')).getText(), /ກອງປະຊຸມສຳມະນາ/);

      // The bundled Noto Sans Lao is loaded and used: a DOM text check alone would pass even
      // when the glyphs are invisible.
      const fonts = await browser.executeAsync((done) => {
        document.fonts.ready.then(() => {
          const lao = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans Lao');
          done({
            loaded: lao.filter((f) => f.status === 'loaded').length,
            check: document.fonts.check('16px "Noto Sans Lao"', 'ກ'),
          });
        });
      });
      assert.ok(fonts.loaded > 0, `Noto Sans Lao not loaded: ${JSON.stringify(fonts)}`);
      assert.equal(fonts.check, true);

      await openQuestion(browser, 'A', 1);
      const composer = await byTestId(browser, 'composer');
      await composer.click();
      await composer.setValue(LAO_NOTE);
      await waitSaved(browser, 'lo');
    } finally {
      await close(browser);
    }

    // The note is on disk, as typed, for the CLI too.
    const listed = sala(data, 'note', 'list', '--group', 'A', '--question', '1', '--json');
    assert.deepEqual(JSON.parse(listed).map((n) => n.text), [LAO_NOTE]);

    browser = await launch(data);
    try {
      // The language choice persisted.
      const agenda = await byTestId(browser, 'nav-agenda');
      await browser.waitUntil(async () => (await agenda.getText()) === lo['nav.agenda'], { timeout: 5_000 });
      await openQuestion(browser, 'A', 1);
      await browser.waitUntil(async () => (await noteTexts(browser)).length === 1, { timeout: 5_000 });
      assert.deepEqual(await noteTexts(browser), [LAO_NOTE]);
    } finally {
      await close(browser);
    }
  });

  it('loses nothing when the app is killed -9 right after a note is saved', async () => {
    const data = tempDir('kill');
    const browser = await launch(data);
    await openQuestion(browser, 'B', 2);
    const composer = await byTestId(browser, 'composer');
    await composer.click();
    await composer.setValue('Ministries keep separate registers');
    await waitSaved(browser, 'en');
    process.kill(appPid(data), 'SIGKILL');
    await close(browser);

    assert.match(sala(data, 'check'), /integrity check ok/);
    const notes = JSON.parse(sala(data, 'note', 'list', '--json'));
    assert.deepEqual(notes.map((n) => n.text), ['Ministries keep separate registers']);

    const again = await launch(data);
    try {
      await openQuestion(again, 'B', 2);
      await again.waitUntil(async () => (await noteTexts(again)).length === 1, { timeout: 5_000 });
      assert.deepEqual(await noteTexts(again), ['Ministries keep separate registers']);
    } finally {
      await close(again);
    }
  });

  it('finishes a note with Enter, deletes it to the trash and restores it', async () => {
    const data = tempDir('trash');
    const browser = await launch(data);
    try {
      await openQuestion(browser, 'C', 3);
      const composer = await byTestId(browser, 'composer');
      await composer.click();
      await composer.setValue('Budget for data centres');
      await browser.keys('Enter');
      await browser.waitUntil(async () => (await noteTexts(browser)).length === 1, { timeout: 5_000 });
      assert.equal(await composer.getValue(), '', 'Enter starts the next note');

      await (await byTestId(browser, 'note-delete')).click();
      await browser.waitUntil(async () => (await noteTexts(browser)).length === 0, { timeout: 5_000 });
      await (await byTestId(browser, 'nav-trash')).click();
      const item = await byTestId(browser, 'trash-item');
      assert.match(await item.getText(), /Budget for data centres/);
      await (await byTestId(browser, 'restore')).click();
      await browser.waitUntil(async () => (await (await byTestId(browser, 'trash')).getText()).includes(en['trash.empty']), { timeout: 5_000 });
      await openQuestion(browser, 'C', 3);
      await browser.waitUntil(async () => (await noteTexts(browser)).length === 1, { timeout: 5_000 });
    } finally {
      await close(browser);
    }
  });

  it('shows a damaged database as a clear message and leaves the file untouched', async () => {
    const data = tempDir('corrupt');
    const garbage = Buffer.alloc(64 * 1024, 0x5a);
    writeFileSync(join(data, 'sala.db'), garbage);
    const browser = await launch(data);
    try {
      const fatal = await byTestId(browser, 'fatal');
      const prefix = en['error.database_corrupt'].split('(')[0].trim();
      assert.ok((await fatal.getText()).startsWith(prefix), await fatal.getText());
      // The language switch still works, and the message follows it.
      await (await byTestId(browser, 'lang-lo')).click();
      const loPrefix = lo['error.database_corrupt'].split('(')[0].trim();
      await browser.waitUntil(async () => (await fatal.getText()).startsWith(loPrefix), { timeout: 5_000 });
    } finally {
      await close(browser);
    }
    assert.ok(readFileSync(join(data, 'sala.db')).equals(garbage), 'the damaged file was changed');
  });
});
