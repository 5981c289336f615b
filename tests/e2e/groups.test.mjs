// End-to-end, in the real webview: set up a new group with focus areas and put two people in it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, close, launch, sala, startDriver, stopDriver, tempDir } from './harness.mjs';

describe('groups in the real webview', () => {
  before(startDriver);
  after(stopDriver);

  it('creates a group, renames it, and assigns two participants by keyboard', async () => {
    const data = tempDir('groups');
    let browser = await launch(data);
    await close(browser);
    sala(data, 'participant', 'add', '--name-lo', 'ສົມພອນ', '--name-en', 'Somphone', '--stakeholder', 'government');
    sala(data, 'participant', 'add', '--name-lo', 'ແສງດາວ', '--stakeholder', 'civil-society');
    browser = await launch(data);
    try {
      await (await byTestId(browser, 'nav-groups-admin')).click();
      await (await byTestId(browser, 'group-new-name')).setValue('E');
      await (await byTestId(browser, 'group-create')).click();
      await (await byTestId(browser, 'group-E')).waitForExist({ timeout: 5_000 });
      const cards = await browser.$$('[data-testid="group-card"]');
      const card = cards[cards.length - 1];
      await (await card.$('[data-testid="group-name"]')).setValue('ກຸ່ມ ອີ');
      await (await card.$('[data-testid="group-save"]')).click();
      await (await byTestId(browser, 'group-ກຸ່ມ ອີ')).waitForExist({ timeout: 5_000 });
      for (const name of ['ສົມພອນ / Somphone', 'ແສງດາວ']) {
        const cs = await browser.$$('[data-testid="group-card"]');
        const card = cs[cs.length - 1];
        const members = async () => (await card.$$('[data-testid="group-members"] li')).length;
        const before = await members();
        const select = await card.$('[data-testid="group-add-member"]');
        await select.scrollIntoView({ block: 'center' });
        await select.selectByVisibleText(name);
        await (await card.$('[data-testid="group-add-member-button"]')).click();
        await browser.waitUntil(async () => (await members()) === before + 1, { timeout: 5_000, timeoutMsg: `${name} not added` });
      }
      await browser.waitUntil(
        async () => {
          const cs = await browser.$$('[data-testid="group-card"]');
          return (await cs[cs.length - 1].$$('[data-testid="group-members"] li')).length === 2;
        },
        { timeout: 5_000, timeoutMsg: 'members not added' },
      );
    } finally {
      await close(browser);
    }
    const dump = JSON.parse(sala(data, 'dump', '--json'));
    const group = dump.groups.find((g) => g.name === 'ກຸ່ມ ອີ');
    assert.ok(group, 'renamed group saved');
    assert.deepEqual(dump.participants.filter((p) => p.group_id === group.id).length, 2);
  });
});
