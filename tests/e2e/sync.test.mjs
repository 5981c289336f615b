// End-to-end, two real app instances (separate data folders, one shared folder), each driven
// through its own tauri-driver: one laptop starts sharing, the other joins the workshop from the
// folder; a Lao note typed on one appears on the other by the background sync; both edit that
// note offline and keep both edits; the coordinator's matrix counts it, by table; both rename a group offline, the conflict shows in the
// Conflicts inbox, is resolved there, and the resolution reaches the other laptop.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, close, joinFolder, launch, messages, share, shot, startDriver, stopDriver, tempDir, texts, until } from './harness.mjs';

const en = messages('en');
const NOTE = 'ຂາດບຸກຄະລາກອນດ້ານຂໍ້ມູນ';
const EDIT_A = `${NOTE} ແລະ ງົບປະມານ`;
const EDIT_B = `(ກະຊວງ) ${NOTE}`;
const MERGED = `(ກະຊວງ) ${NOTE} ແລະ ງົບປະມານ`;
const B_NOTE = 'ຈາກໂຕະ 2: ບໍ່ມີມາດຕະຖານ';

async function syncNow(browser) {
  const button = await byTestId(browser, 'sync-now-footer');
  await button.click();
  await until(browser, async () => (await button.getText()) === en['sync.now'], 'sync never finished');
}

async function openQuestion(browser, group) {
  await (await byTestId(browser, `group-${group}`)).click();
  await (await byTestId(browser, 'question-tab-1')).click();
}

/** Edits the note shown with `from` to `to` in the note list, and waits until it is saved. */
async function editNote(browser, from, to) {
  // The question's notes load after it opens: wait for the note before looking for it.
  await until(browser, async () => (await texts(browser, 'note-text')).includes(from), `no note ${from}`);
  for (const item of await browser.$$('[data-testid="note-item"]')) {
    if ((await (await item.$('[data-testid="note-text"]')).getText()) !== from) continue;
    await (await item.$('[data-testid="note-edit-button"]')).click();
    const area = await byTestId(browser, 'note-edit');
    await area.setValue(to);
    // Done (rather than Escape, which goes wherever the focus happens to be under load).
    await (await item.$('.actions button')).click();
    await until(browser, async () => (await texts(browser, 'note-text')).includes(to), `edit to ${to} not shown`);
    return;
  }
  throw new Error(`no note ${from}`);
}

async function renameGroup(browser, name) {
  await (await byTestId(browser, 'nav-groups-admin')).click();
  const card = (await browser.$$('[data-testid="group-card"]'))[0];
  await (await card.$('[data-testid="group-name"]')).setValue(name);
  await (await card.$('[data-testid="group-save"]')).click();
  await (await byTestId(browser, `group-${name}`)).waitForExist({ timeout: 5_000 });
}

describe('two laptops through one shared folder, in the real webview', () => {
  before(async () => {
    await startDriver(4444, 4445);
    await startDriver(4446, 4447);
  });
  after(stopDriver);

  it('join, a Lao note travels, offline edits merge, a conflict is resolved in the inbox', async () => {
    const shared = tempDir('shared');
    const a = await launch(tempDir('laptop-a'), 4444);
    const b = await launch(tempDir('laptop-b'), 4446);
    try {
      // Laptop A starts sharing its workshop; laptop B joins it from the folder.
      await share(a, shared, 'Table 1');
      await joinFolder(b, shared);
      await share(b, shared, 'Table 2');

      // A Lao note typed on A reaches B by the background task alone, with A's table label.
      await openQuestion(a, 'A');
      const composer = await byTestId(a, 'composer');
      await composer.click();
      await composer.setValue(NOTE);
      await a.keys('Enter');
      await until(a, async () => (await texts(a, 'note-text')).includes(NOTE), 'note not listed on A');
      await openQuestion(b, 'A');
      await until(b, async () => (await texts(b, 'note-text')).includes(NOTE), 'the note never reached B', 30_000);
      assert.match((await texts(b, 'note-created-by'))[0], /Table 1/);

      // Both edit the note offline (sharing stopped), then share again: both edits are kept.
      await share(a, '', 'Table 1');
      await share(b, '', 'Table 2');
      await openQuestion(a, 'A');
      await editNote(a, NOTE, EDIT_A);
      await openQuestion(b, 'A');
      await editNote(b, NOTE, EDIT_B);
      // And table 2 adds a note of its own.
      const composerB = await byTestId(b, 'composer');
      await composerB.click();
      await composerB.setValue(B_NOTE);
      await b.keys('Enter');
      await until(b, async () => (await texts(b, 'note-text')).includes(B_NOTE), 'note not listed on B');
      await share(a, shared, 'Table 1');
      await share(b, shared, 'Table 2');
      await syncNow(a);
      for (const [browser, name] of [
        [a, 'A'],
        [b, 'B'],
      ]) {
        await openQuestion(browser, 'A');
        await until(
          browser,
          async () => {
            await syncNow(browser);
            return (await texts(browser, 'note-text')).includes(MERGED);
          },
          `laptop ${name} does not show both edits: ${await texts(browser, 'note-text')}`,
        );
        assert.match((await texts(browser, 'note-edited-by'))[0], /Table [12]/);
        // Merged as designed, and said so: edited on both tables at once, to be checked.
        await until(browser, async () => browser.$('[data-testid="note-concurrent"]').isExisting(), `laptop ${name} does not flag the merged note`);
        assert.match(await (await byTestId(browser, 'note-concurrent')).getText(), /Edited on Table [12] and Table [12] at once — check/);
        await shot(browser, `note-edited-at-once-${name}`);
      }
      // Accepted on A with one click; once synced, B no longer flags it either.
      await (await byTestId(a, 'note-concurrent-accept')).click();
      await until(a, async () => !(await a.$('[data-testid="note-concurrent"]').isExisting()), 'the accepted note is still flagged on A');
      await syncNow(a);
      await until(
        b,
        async () => {
          await syncNow(b);
          await openQuestion(b, 'A');
          return (await texts(b, 'note-text')).includes(MERGED) && !(await b.$('[data-testid="note-concurrent"]').isExisting());
        },
        'the acceptance never reached B',
      );
      // On A, the notes of one table only.
      await until(a, async () => (await texts(a, 'note-text')).includes(B_NOTE), 'B\'s note never reached A');
      const onlyTable = await byTestId(a, 'notes-table');
      await onlyTable.selectByVisibleText('Table 2');
      await until(a, async () => (await texts(a, 'note-text')).join('|') === B_NOTE, 'the notes are not filtered by table');
      await onlyTable.selectByVisibleText(en['matrix.all_tables']);
      await until(a, async () => (await texts(a, 'note-text')).length === 2, 'all tables again');

      // The coordinator's matrix on A: group A's note counts in its focus areas; by table, it
      // is Table 1's (which created it), not Table 2's (which only edited it).
      await (await byTestId(a, 'nav-coordinator')).click();
      const cells = async () => a.$$('[data-testid="matrix-cell"]');
      await until(
        a,
        async () => (await cells()).length > 0 && /Notes: 2/.test(await (await cells())[0].getText()),
        'the matrix does not count both notes',
      );
      const cell = (await cells())[0];
      await cell.click();
      // The drill-down is loaded after the click: wait for both notes to be listed.
      let drilled = [];
      await until(a, async () => (drilled = await texts(a, 'matrix-note')).length === 2, 'the drill-down lists both notes');
      assert.ok(drilled.some((t) => t.includes(MERGED) && t.includes('Table 1')), drilled.join(' | '));
      assert.ok(drilled.some((t) => t.includes(B_NOTE) && t.includes('Table 2')), drilled.join(' | '));
      const filter = await byTestId(a, 'matrix-table');
      for (const table of ['Table 1', 'Table 2']) {
        await filter.selectByVisibleText(table);
        await until(a, async () => /Notes: 1/.test(await (await cells())[0].getText()), `${table}: one note`);
      }

      // Search narrowed to one table: a one-letter query in both notes finds only Table 2's.
      const box = await byTestId(a, 'search');
      await box.setValue('າ');
      await a.keys('Enter');
      const hits = async () => texts(a, 'search-hit');
      await until(a, async () => (await hits()).some((t) => t.includes(MERGED)), 'the search does not find A\'s note');
      await (await byTestId(a, 'search-table')).selectByVisibleText('Table 2');
      await until(
        a,
        async () => (await hits()).length === 1 && (await hits())[0].includes(B_NOTE),
        `the search is not narrowed to Table 2: ${await hits()}`,
      );

      // Both rename group A offline: a conflict, resolved on A, reaches B.
      await share(a, '', 'Table 1');
      await share(b, '', 'Table 2');
      await renameGroup(a, 'A ກົດໝາຍ');
      await renameGroup(b, 'A Law');
      await share(a, shared, 'Table 1');
      await share(b, shared, 'Table 2');
      // B's rename must be in the folder before A can see the conflict: pass on both until it is.
      await until(
        a,
        async () => {
          await syncNow(b);
          await syncNow(a);
          return a.$('[data-testid="nav-conflicts-count"]').isExisting();
        },
        'the conflict never reached A',
      );
      const count = await byTestId(a, 'nav-conflicts-count');
      assert.equal(await count.getText(), '1');
      await (await byTestId(a, 'nav-conflicts')).click();
      const conflict = await byTestId(a, 'conflict');
      const values = await conflict.$$('[data-testid="conflict-value"]');
      assert.equal(values.length, 2);
      let kept = false;
      for (const v of values) {
        if ((await v.getText()).includes('A Law')) {
          await (await v.$('[data-testid="conflict-keep"]')).click();
          kept = true;
          break;
        }
      }
      assert.ok(kept, 'the value A Law is offered');
      await (await byTestId(a, 'conflicts-none')).waitForExist({ timeout: 5_000 });
      await (await byTestId(a, 'group-A Law')).waitForExist({ timeout: 5_000 });
      await syncNow(a);
      await until(
        b,
        async () => {
          await syncNow(b);
          return (await b.$('[data-testid="group-A Law"]').isExisting()) && !(await b.$('[data-testid="nav-conflicts-count"]').isExisting());
        },
        'the resolution never reached B',
      );
    } finally {
      await close(a);
      await close(b);
    }
  });
});
