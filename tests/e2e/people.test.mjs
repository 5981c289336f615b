// End-to-end, in the real webview: add participants with Lao names, see them in Lao order,
// put one in a group, see the stakeholder map.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, close, launch, sala, shot, startDriver, stopDriver, tempDir } from './harness.mjs';

describe('participants in the real webview', () => {
  before(startDriver);
  after(stopDriver);

  it('lists Lao names in Lao order and assigns a group', async () => {
    const data = tempDir('people');
    const browser = await launch(data);
    try {
      await (await byTestId(browser, 'nav-people')).click();
      for (const [lo, stakeholder] of [['ແສງດາວ', 'civil_society'], ['ກິດຕິ', 'government'], ['ໂຄສະນາ', 'academia']]) {
        await (await byTestId(browser, 'participant-name-lo')).setValue(lo);
        await (await byTestId(browser, 'participant-stakeholder')).selectByAttribute('value', stakeholder);
        await (await byTestId(browser, 'participant-add')).click();
        await browser.waitUntil(async () => (await (await byTestId(browser, 'participants')).getText()).includes(lo), { timeout: 5_000 });
      }
      const rows = await browser.$$('[data-testid="participant-row"]');
      const names = [];
      for (const r of rows) names.push((await (await r.$('.name')).getText()).trim());
      assert.deepEqual(names, ['ກິດຕິ', 'ໂຄສະນາ', 'ແສງດາວ']);

      await (await rows[0].$('[data-testid="participant-group"]')).selectByVisibleText('Group B');
      await browser.waitUntil(
        async () => JSON.parse(sala(data, 'participant', 'list', '--json'))[0].group_id !== null,
        { timeout: 5_000, timeoutMsg: 'group not saved' },
      );
      assert.equal((await browser.$$('[data-testid="map-bar"]')).length, 3);

      // Edit a participant: the contact is saved.
      await (await rows[1].$('[data-testid="participant-edit"]')).click();
      await (await byTestId(browser, 'participant-contact')).setValue('khosana@example.la');
      await (await byTestId(browser, 'participant-add')).click();
      await browser.waitUntil(
        async () => JSON.parse(sala(data, 'participant', 'list', '--json'))[1].contact === 'khosana@example.la',
        { timeout: 5_000, timeoutMsg: 'contact not saved' },
      );

      // A wrong click on Delete is undone with one more: the person is back, as saved.
      for (const lang of ['lo', 'en']) {
        await (await byTestId(browser, `lang-${lang}`)).click();
        const first = (await browser.$$('[data-testid="participant-row"]'))[0];
        await (await first.$('[data-testid="participant-delete"]')).click();
        await (await byTestId(browser, 'participant-undo')).waitForDisplayed({ timeout: 5_000 });
        await browser.waitUntil(async () => JSON.parse(sala(data, 'participant', 'list', '--json')).length === 2, {
          timeout: 5_000,
          timeoutMsg: 'participant not deleted',
        });
        await shot(browser, `participant-undo-${lang}`);
        await (await byTestId(browser, 'participant-undo')).click();
        await browser.waitUntil(async () => JSON.parse(sala(data, 'participant', 'list', '--json')).length === 3, {
          timeout: 5_000,
          timeoutMsg: 'participant not restored',
        });
        // (The list reloads once the store has it back: waited for, not raced.)
        await browser.waitUntil(async () => (await browser.$$('[data-testid="participant-row"]')).length === 3, {
          timeout: 5_000,
          timeoutMsg: 'the restored participant is not listed',
        });
      }
    } finally {
      await close(browser);
    }
  });

  it('imports an invitation list, showing the bad row first', async () => {
    const data = tempDir('import');
    const file = join(data, 'invited.csv');
    // The fourth row's organisation is longer than typing one in allows.
    const long = 'ກະຊວງ'.repeat(101);
    writeFileSync(
      file,
      `\uFEFFname_lo,name_en,category,gender,organisation\nສົມພອນ,Somphone,government,M,MTC\nແສງດາວ,Sengdao,civil society,F,\n,,astronaut,,\nກິດຕິ,Kitti,government,M,${long}\n`,
    );
    const browser = await launch(data);
    try {
      await (await byTestId(browser, 'nav-people')).click();
      await (await (await byTestId(browser, 'import-panel')).$('summary')).click();
      await (await byTestId(browser, 'import-file')).addValue(file); // (not setValue: it clears first, which a file input out of sight refuses)
      const summary = await byTestId(browser, 'import-summary');
      assert.equal(await summary.getText(), '4 rows, 2 with problems.');
      const rows = await browser.$$('[data-testid="import-row"]');
      assert.match(await rows[2].getText(), /No name; Unknown category “astronaut”/);
      assert.match(await rows[3].getText(), /“organisation” has 505 characters; at most 500/);
      await shot(browser, 'import-too-long-en');
      await (await byTestId(browser, 'lang-lo')).click();
      await browser.waitUntil(async () => (await rows[3].getText()).includes('ບໍ່ເກີນ 500'), { timeout: 5_000 });
      await shot(browser, 'import-too-long-lo');
      await (await byTestId(browser, 'lang-en')).click();
      await (await byTestId(browser, 'import-good')).click();
      assert.equal(await (await byTestId(browser, 'import-done')).getText(), 'Imported 2 participants.');
      await browser.waitUntil(async () => (await browser.$$('[data-testid="participant-row"]')).length === 2, { timeout: 5_000 });
      const names = [];
      for (const r of await browser.$$('[data-testid="participant-row"]')) names.push((await (await r.$('.name')).getText()).trim());
      assert.deepEqual(names, ['ສົມພອນ / Somphone', 'ແສງດາວ / Sengdao']);
    } finally {
      await close(browser);
    }
  });

  it('checks two people in by typing a Lao name and pressing Enter', async () => {
    const data = tempDir('checkin');
    let browser = await launch(data);
    await close(browser);
    for (const [lo, en] of [['ສົມພອນ', 'Somphone'], ['ແສງດາວ', 'Sengdao'], ['ກິດຕິ', 'Kitti']]) {
      sala(data, 'participant', 'add', '--name-lo', lo, '--name-en', en);
    }
    browser = await launch(data);
    try {
      await (await byTestId(browser, 'nav-people')).click();
      const search = await byTestId(browser, 'checkin-search');
      await search.setValue('ແສງ');
      await browser.keys('Enter');
      await search.setValue('kitti');
      await browser.keys('Enter');
      const count = await byTestId(browser, 'checkin-count');
      await browser.waitUntil(async () => (await count.getText()) === '2 of 3 checked in', { timeout: 5_000, timeoutMsg: await count.getText() });
      // Day 2 is its own list.
      await (await byTestId(browser, 'checkin-day-2')).click();
      await browser.waitUntil(async () => (await count.getText()) === '0 of 3 checked in', { timeout: 5_000 });
    } finally {
      await close(browser);
    }
    const dump = JSON.parse(sala(data, 'dump', '--json'));
    assert.equal(dump.attendance.filter((a) => a.present && a.day === 1).length, 2);
  });
});
