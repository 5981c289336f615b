// End-to-end, in the real webview: set up a new group and put two people in it by keyboard; move
// a person between groups by dragging.
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

  it('moves a person into a group, to another, and out again by dragging', async () => {
    const data = tempDir('groups-drag');
    let browser = await launch(data);
    await close(browser);
    sala(data, 'participant', 'add', '--name-lo', 'ບຸນມີ', '--name-en', 'Bounmy', '--stakeholder', 'academia');
    const groupOf = () => {
      const dump = JSON.parse(sala(data, 'dump', '--json'));
      const p = dump.participants.find((x) => x.name.lo === 'ບຸນມີ');
      return dump.groups.find((g) => g.id === p.group_id)?.name ?? null;
    };
    browser = await launch(data);
    try {
      await (await byTestId(browser, 'nav-groups-admin')).click();
      const card = async (i) => (await browser.$$('[data-testid="group-card"]'))[i];
      const heading = async (i) => (await card(i)).$('h3');
      // The pool stays in view at the top while the groups scroll: bring the other end in view.
      const drag = async (handle, target, inView) => {
        await inView.scrollIntoView({ block: 'center' });
        await browser.action('pointer').move({ origin: handle }).down().move({ origin: target }).up().perform();
      };
      const pool = await byTestId(browser, 'unassigned');
      await (await pool.$('[data-testid="unassigned-person"]')).waitForExist({ timeout: 5_000 });
      // From the pool onto group B (the second card).
      await drag(await pool.$('[data-testid="person-handle"]'), await heading(1), await heading(1));
      await browser.waitUntil(async () => (await (await card(1)).$$('[data-testid="group-members"] li')).length === 1, {
        timeout: 5_000,
        timeoutMsg: 'not moved into group B',
      });
      assert.equal((await pool.$$('[data-testid="unassigned-person"]')).length, 0);
      assert.equal(groupOf(), 'B');
      // From group B onto group C.
      // Group C is below the fold: hold the person at the bottom edge until the pane scrolls to it.
      const inB = await (await card(1)).$('[data-testid="group-members"] [data-testid="person-handle"]');
      await inB.scrollIntoView({ block: 'center' });
      const size = await browser.execute(() => [window.innerWidth, window.innerHeight]);
      await browser.action('pointer').move({ origin: inB }).down().move({ x: Math.round(size[0] / 2), y: size[1] - 30 }).perform(true);
      const cTop = async () => browser.execute(() => document.querySelectorAll('[data-testid="group-card"]')[2].querySelector('h3').getBoundingClientRect().top);
      await browser.waitUntil(async () => (await cTop()) < size[1] - 150, { timeout: 10_000, timeoutMsg: 'the pane did not scroll while dragging' });
      await browser.action('pointer').move({ origin: await heading(2) }).up().perform();
      await browser.waitUntil(async () => (await (await card(2)).$$('[data-testid="group-members"] li')).length === 1, {
        timeout: 5_000,
        timeoutMsg: 'not moved to group C',
      });
      assert.equal(groupOf(), 'C');
      // Back to the pool: out of every group.
      const inC = await (await card(2)).$('[data-testid="group-members"] [data-testid="person-handle"]');
      await drag(inC, await pool.$('h3'), inC);
      await browser.waitUntil(async () => (await pool.$$('[data-testid="unassigned-person"]')).length === 1, {
        timeout: 5_000,
        timeoutMsg: 'not moved out of the group',
      });
      assert.equal(groupOf(), null);
    } finally {
      await close(browser);
    }
  });
});
