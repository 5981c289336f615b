// End-to-end, in the real webview: the coordinator saves the summary report in Lao as a
// self-contained web page and the action plan as a spreadsheet, from the Reports view.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, close, launch, messages, sala, startDriver, stopDriver, tempDir } from './harness.mjs';

const lo = messages('lo');
const NOTE = 'ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງຍັງມີຂໍ້ຈຳກັດ';

describe('reports in the real webview', () => {
  // The desktop's opener (xdg-open), as a script noting what it was asked to open: the app
  // inherits it through tauri-driver.
  const opener = tempDir('opener');
  const opened = join(opener, 'opened.txt');
  before(async () => {
    writeFileSync(join(opener, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    chmodSync(join(opener, 'xdg-open'), 0o755);
    process.env.PATH = `${opener}:${process.env.PATH}`;
    await startDriver();
  });
  after(stopDriver);

  it('saves a Lao summary report and the action plan where the user says', async () => {
    const data = tempDir('reports');
    const out = tempDir('reports-out');
    let browser = await launch(data);
    await close(browser);
    sala(data, 'note', 'add', '--group', 'A', '--question', '1', '--text', NOTE);
    sala(data, 'action', 'add', '--title', 'ຮ່າງດຳລັດ', '--due', '2023-12-31', '--responsible', 'MTC');
    browser = await launch(data);
    try {
      await (await byTestId(browser, 'lang-lo')).click();
      await (await byTestId(browser, 'nav-reports')).click();
      const path = await byTestId(browser, 'report-path');
      // The default: the Documents folder's Sala folder, named after what is saved.
      await browser.waitUntil(async () => (await path.getValue()).endsWith('summary-report-lo.docx'), { timeout: 5_000 });

      await (await byTestId(browser, 'report-format-html')).click();
      await (await byTestId(browser, 'report-part-annex')).click();
      const page = join(out, 'ລາຍງານ.html');
      await path.setValue(page);
      await (await byTestId(browser, 'report-save')).click();
      const saved = await byTestId(browser, 'report-saved');
      await saved.waitForDisplayed({ timeout: 10_000 });
      assert.match(await saved.getText(), /ລາຍງານ\.html/);
      const html = readFileSync(page, 'utf8');
      assert.ok(html.includes(`>${lo["report.participation"]}</h2>`) && html.includes(lo["report.objectives"]), 'the Lao headings');
      assert.ok(html.includes(NOTE), 'the Lao note');
      assert.ok(!html.includes(lo['report.annex']), 'no annex when it was left out');
      // Opened in the system's program for it, by its Lao path.
      await (await byTestId(browser, 'report-open')).click();
      await browser.waitUntil(async () => existsSync(opened), { timeout: 10_000, timeoutMsg: 'the report was not opened' });
      assert.equal(readFileSync(opened, 'utf8'), page);

      await (await byTestId(browser, 'report-kind-actions')).click();
      await (await byTestId(browser, 'report-format-csv')).click();
      const csv = join(out, 'plan.csv');
      await path.setValue(csv);
      await (await byTestId(browser, 'report-save')).click();
      await browser.waitUntil(async () => existsSync(csv), { timeout: 10_000, timeoutMsg: 'no CSV written' });
      const text = readFileSync(csv, 'utf8');
      assert.ok(text.startsWith('\uFEFF') && text.includes('ຮ່າງດຳລັດ'), text);

      // A folder that cannot be made: a translated error, nothing written.
      await path.setValue('/proc/no-such/plan.csv');
      await (await byTestId(browser, 'report-save')).click();
      const alert = await byTestId(browser, 'report-error');
      await alert.waitForDisplayed({ timeout: 10_000 });
      assert.match(await alert.getText(), /\/proc\/no-such/);
    } finally {
      await close(browser);
    }
  });
});
