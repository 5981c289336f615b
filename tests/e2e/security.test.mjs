// End-to-end, in the real webview: the app is locked down. A script typed into a note is shown
// as text and never runs — in the notes, in search, and in the HTML report; the page cannot
// evaluate strings or run an injected inline script (Content Security Policy); and commands the
// window was not granted (the opener, the file dialogs, Tauri's path API) fail when the page
// tries them, while Sala's own commands work — and take only files the user chose.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, close, launch, sala, startDriver, stopDriver, tempDir } from './harness.mjs';

const ATTACKS = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>ສະບາຍດີ'];

describe('a locked-down app in the real webview', () => {
  before(startDriver);
  after(stopDriver);

  it('shows scripts in notes as text, refuses eval and inline scripts, and forbidden commands', async () => {
    const data = tempDir('security');
    sala(data, 'init', '--demo');
    for (const text of ATTACKS) sala(data, 'note', 'add', '--group', 'A', '--question', '1', '--text', text);
    const browser = await launch(data);
    try {
      await (await byTestId(browser, 'group-A')).click();
      await (await byTestId(browser, 'question-tab-1')).click();
      await browser.waitUntil(async () => (await browser.$$('[data-testid="note-text"]')).length >= 2, { timeout: 10_000 });
      const shown = [];
      for (const n of await browser.$$('[data-testid="note-text"]')) shown.push(await n.getText());
      for (const text of ATTACKS) assert.ok(shown.includes(text), `shown as typed: ${text} in ${shown}`);
      assert.equal(await browser.$$('[data-testid="notes"] img').length, 0, 'no element made from a note');

      // Search shows the same text as text.
      const box = await byTestId(browser, 'search');
      await box.setValue('onerror');
      await browser.keys('Enter');
      await browser.waitUntil(async () => (await browser.$$('[data-testid="search-hit"]')).length > 0, { timeout: 10_000 });
      assert.match(await (await byTestId(browser, 'search-hit')).getText(), /<img src=x onerror=/);

      // The Content Security Policy: no eval, no inline script even when one is put in the page.
      const csp = await browser.execute(() => {
        const out = {};
        try {
          out.eval = String(eval('1 + 1'));
        } catch (e) {
          out.eval = e.name;
        }
        const s = document.createElement('script');
        s.textContent = 'window.__inline = true';
        document.body.appendChild(s);
        out.inline = window.__inline === true;
        out.xss = window.__xss ?? null;
        return out;
      });
      assert.deepEqual(csp, { eval: 'EvalError', inline: false, xss: null });

      // Commands this window was not granted fail; Sala's own work.
      const tried = await browser.execute(async () => {
        const call = async (cmd, args) => {
          try {
            await window.__TAURI_INTERNALS__.invoke(cmd, args);
            return 'allowed';
          } catch (e) {
            return `refused: ${typeof e === 'string' ? e : JSON.stringify(e)}`;
          }
        };
        return {
          opener: await call('plugin:opener|open_url', { url: 'https://example.com' }),
          dialog: await call('plugin:dialog|open', { options: {} }),
          path: await call('plugin:path|resolve_directory', { directory: 11 }),
          own: await call('overview', {}),
          // Sala's own commands take only files the user chose: not any path the page names.
          open: await call('open_path', { path: '/etc/hostname' }),
          import: await call('import_files', { paths: ['/etc/hostname'] }),
          join: await call('join_file', { path: '/etc/hostname', passphrase: null }),
          script: await call('save_report', {
            request: { kind: 'summary', format: 'html', lang: 'en', parts: { participation: true, participant_list: false, groups: true, across: true, actions: true, surveys: true, annex: true }, path: '/tmp/sala-evil.sh' },
          }),
          restore: await call('restore_backup', { file: '../../etc/hostname' }),
        };
      });
      for (const forbidden of ['opener', 'dialog', 'path']) {
        assert.match(tried[forbidden], /^refused: .* not allowed/, `${forbidden}: ${tried[forbidden]}`);
      }
      assert.equal(tried.own, 'allowed');
      for (const refused of ['open', 'import', 'join', 'script']) {
        assert.match(tried[refused], /^refused: .*"invalid_argument"/, `${refused}: ${tried[refused]}`);
      }
      assert.match(tried.restore, /^refused: .*"backup_invalid"/, tried.restore);

      // The HTML report holds the note as text.
      const page = join(data, 'report.html');
      await (await byTestId(browser, 'nav-reports')).click();
      await (await byTestId(browser, 'report-format-html')).click();
      const path = await byTestId(browser, 'report-path');
      await path.setValue(page);
      await (await byTestId(browser, 'report-save')).click();
      await (await byTestId(browser, 'report-saved')).waitForDisplayed({ timeout: 10_000 });
      const html = readFileSync(page, 'utf8');
      assert.ok(!html.includes('<img src=x') && !html.includes('<script>window.__xss'), 'no markup from a note');
      assert.ok(html.includes('&lt;img src=x onerror=') && html.includes('&lt;script&gt;window.__xss=2'), 'the note as text');
    } finally {
      await close(browser);
    }
  });
});
