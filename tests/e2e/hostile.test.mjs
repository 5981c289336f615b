// End-to-end, the real app beside a real `sala` on another laptop's data folder, one shared
// folder: a file a buggy or hostile Sala wrote (well formed, checksummed, its note not a note)
// is set aside and shown naming the table that wrote it, while that table's other notes arrive;
// then the workshop gets a key, and the plain files this laptop wrote before are counted and
// withdrawn from the folder on request.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, close, launch, messages, sala, shot, startDriver, stopDriver, tempDir } from './harness.mjs';

const en = messages('en');
const lo = messages('lo');
const BEFORE = 'ຈາກໂຕະ 2 ກ່ອນໄຟລ໌ເສຍ';
const AFTER = 'ຈາກໂຕະ 2 ຫຼັງໄຟລ໌ເສຍ';

/** Brings an element into the middle of its scrolled pane, and lets the window repaint. */
async function reveal(browser, el) {
  await browser.execute((e) => e.scrollIntoView({ block: 'center' }), el);
  await new Promise((r) => setTimeout(r, 300));
}

async function until(browser, fn, msg, timeout = 20_000) {
  await browser.waitUntil(fn, { timeout, interval: 250, timeoutMsg: msg });
}

/** A sync file as a Sala writes it: header with its checksum, one op per line. */
function syncFile(header, ops) {
  const body = ops.map((op) => `${JSON.stringify(op)}\n`).join('');
  const unsigned = { ...header, op_count: ops.length, body_bytes: Buffer.byteLength(body), sha256: '' };
  const sha = createHash('sha256').update(`${JSON.stringify(unsigned)}\n`).update(body).digest('hex');
  return `SALA-OPS\n${JSON.stringify({ ...unsigned, sha256: sha })}\n${body}`;
}

/** The sync files of a device folder whose header names no key (readable by anyone). */
function plainFiles(dir) {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.sala-ops'))
    .filter((n) => !JSON.parse(readFileSync(join(dir, n), 'utf8').split('\n')[1]).key);
}

describe('a hostile shared folder, and files sent before the key', () => {
  const coordinator = tempDir('hostile-app');
  const table = tempDir('hostile-cli');
  const folder = tempDir('hostile-share');
  let browser;
  before(async () => {
    await startDriver();
    browser = await launch(coordinator);
  });
  after(async () => {
    if (browser) await close(browser);
    await stopDriver();
  });

  it('sets a bad file aside naming its table, and the rest arrives', async () => {
    await (await byTestId(browser, 'nav-sync')).click();
    const input = await byTestId(browser, 'sync-folder');
    await input.setValue(folder);
    await (await byTestId(browser, 'sync-label')).setValue('Coordinator');
    await (await byTestId(browser, 'sync-save')).click();
    const msg = await byTestId(browser, 'sync-message');
    await until(browser, async () => (await msg.getText()) === en['sync.saved'], 'settings not saved');

    // Table 2 joins with the command line, writes a note, then a bad file lands in its folder.
    sala(table, 'join', '--folder', folder);
    sala(table, 'sync', '--label', 'Table 2');
    sala(table, 'note', 'add', '--group', 'B', '--question', '1', '--text', BEFORE);
    sala(table, 'sync');
    const dump = JSON.parse(sala(table, 'dump', '--json'));
    const workshop = dump.workshop.id;
    const device = dump.device_id;
    const id = '0190aa55-6e3c-7c4e-9a1b-2f3d4e5f6a7b';
    const bad = syncFile(
      { format: 3, workshop_id: workshop, workshop_title: dump.workshop.title, device_id: device, seq: 50 },
      [{ id: '0190aa55-6e3c-7c4e-9a1b-2f3d4e5f6a7c', hlc: `001700000000000-0000000000-${device}`, device, workshop_id: workshop, entity: 'note', entity_id: id, kind: 'create', field: '', value: { id, hello: 'x' } }],
    );
    writeFileSync(join(folder, 'sala-sync', workshop, device, '00000050.sala-ops'), bad);
    sala(table, 'note', 'add', '--group', 'B', '--question', '1', '--text', AFTER);
    sala(table, 'sync');

    await (await byTestId(browser, 'sync-now')).click();
    await until(
      browser,
      async () => (await (await byTestId(browser, 'sync-problems')).getText()).includes('00000050.sala-ops'),
      'the bad file is not shown',
    );
    const problem = await (await byTestId(browser, 'sync-problems')).getText();
    assert.match(problem, /Table 2/);
    assert.match(problem, /cannot apply/);
    await reveal(browser, await byTestId(browser, 'sync-problems'));
    await shot(browser, 'hostile-sync-problem-en');
    await (await byTestId(browser, 'lang-lo')).click();
    await until(
      browser,
      async () => (await (await byTestId(browser, 'sync-problems')).getText()).includes('ນຳໃຊ້ບໍ່ໄດ້'),
      'the problem is not said in Lao',
    );
    await reveal(browser, await byTestId(browser, 'sync-problems'));
    await shot(browser, 'hostile-sync-problem-lo');
    await (await byTestId(browser, 'lang-en')).click();

    // Both of table 2's notes are here: the one before the bad file and the one after.
    const d = JSON.parse(sala(coordinator, 'dump', '--json'));
    const texts = d.notes.map((n) => n.text);
    assert.ok(texts.includes(BEFORE) && texts.includes(AFTER), JSON.stringify(texts));
  });

  it('counts the files sent before the key, and withdraws them on request', async () => {
    await (await byTestId(browser, 'key-passphrase')).setValue('ນະໂຍບາຍຂໍ້ມູນ 2026 Vientiane');
    await (await byTestId(browser, 'key-set')).click();
    const msg = await byTestId(browser, 'sync-message');
    await until(browser, async () => (await msg.getText()) === en['key.done'], 'key not set');
    await (await byTestId(browser, 'sync-now')).click();
    const plain = await byTestId(browser, 'key-plain');
    await plain.waitForDisplayed({ timeout: 20_000 });
    assert.match(await plain.getText(), /can still be read by anyone/);
    await reveal(browser, plain);
    await shot(browser, 'hostile-key-plain-en');

    const dump = JSON.parse(sala(coordinator, 'dump', '--json'));
    const mine = join(folder, 'sala-sync', dump.workshop.id, dump.device_id);
    assert.ok(plainFiles(mine).length > 0);
    await (await byTestId(browser, 'key-withdraw')).click();
    await until(browser, async () => (await msg.getText()).startsWith('Removed '), 'not withdrawn');
    assert.deepEqual(plainFiles(mine), [], 'no plain file of this laptop is left');
    assert.equal(await browser.$('[data-testid="key-plain"]').isExisting(), false);
    await shot(browser, 'hostile-key-withdrawn-en');
    await (await byTestId(browser, 'lang-lo')).click();
    const state = await byTestId(browser, 'key-state');
    const encrypted = lo['key.set'].split('%{')[0];
    await until(browser, async () => (await state.getText()).startsWith(encrypted), 'not in Lao');
    await shot(browser, 'hostile-key-lo');
    await (await byTestId(browser, 'lang-en')).click();
  });
});
