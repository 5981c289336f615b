// End-to-end, in the real webview: add participants with Lao names, see them in Lao order,
// put one in a group, see the stakeholder map.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, close, launch, sala, startDriver, stopDriver, tempDir } from './harness.mjs';

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
    } finally {
      await close(browser);
    }
  });
});
