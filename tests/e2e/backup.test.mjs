// End-to-end, in the real webview: a laptop whose database was damaged (a failing disk, a torn
// copy) starts on the recovery screen instead of failing or starting afresh; restoring the
// latest backup brings the notes back, and the damaged file is kept beside it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, close, launch, messages, sala, startDriver, stopDriver, tempDir } from './harness.mjs';

const en = messages('en');
const NOTE = 'ຕ້ອງມີກົດໝາຍປົກປ້ອງຂໍ້ມູນສ່ວນບຸກຄົນ';

describe('backups in the real webview', () => {
  before(startDriver);
  after(stopDriver);

  it('a damaged database is restored from the recovery screen', async () => {
    const data = tempDir('backup');
    sala(data, 'init', '--demo');
    sala(data, 'note', 'add', '--group', 'A', '--question', '1', '--text', NOTE);
    sala(data, 'backup');
    const db = join(data, 'sala.db');
    const bytes = readFileSync(db);
    bytes.fill(0xa5, 16, 4096);
    writeFileSync(db, bytes);

    const browser = await launch(data);
    try {
      const fatal = await byTestId(browser, 'fatal');
      assert.ok((await fatal.getText()).startsWith(en['error.database_corrupt'].split(' (')[0]), await fatal.getText());
      assert.match(await (await byTestId(browser, 'recovery')).getText(), /Restore a backup/);
      const rows = await browser.$$('[data-testid="backup-row"]');
      assert.equal(rows.length, 1);
      await (await byTestId(browser, 'backup-restore')).click();
      await (await byTestId(browser, 'backup-confirm-yes')).click();
      // The window reloads on the restored database: the workshop, with the note.
      await (await byTestId(browser, 'group-A')).click();
      await (await byTestId(browser, 'question-tab-1')).click();
      await browser.waitUntil(
        async () => {
          for (const n of await browser.$$('[data-testid="note-text"]')) if ((await n.getText()) === NOTE) return true;
          return false;
        },
        { timeout: 10_000, timeoutMsg: 'the note did not come back' },
      );
      assert.equal(await browser.$('[data-testid="fatal"]').isExisting(), false);
    } finally {
      await close(browser);
    }
    assert.ok(
      readdirSync(data).some((f) => f.startsWith('sala.db.damaged-')),
      `the damaged file is kept: ${readdirSync(data)}`,
    );
  });
});
