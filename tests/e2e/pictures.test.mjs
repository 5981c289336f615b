// End-to-end, two real app instances through one shared folder: a note-taker attaches the
// photo of a flipchart through the system's file dialog (the webview's file input) and pastes a
// whiteboard drawing, captions it in Lao, sees it full screen with zoom; the other laptop gets
// the pictures by the background sync, upright and captioned; the CLI finds them in its report.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, byTestId, close, joinFolder, launch, messages, sala, share, shot, startDriver, stopDriver, tempDir, texts, until } from './harness.mjs';

const en = messages('en');
const FLIPCHART = join(ROOT, 'tests/fixtures/pictures/flipchart-sideways-gps.jpg');
const DRAWING = join(ROOT, 'tests/fixtures/pictures/swot-drawing.png');
const CAPTION = 'ເຈ້ຍຟລິບຊາດ ກຸ່ມ A: ບັນຫາກົດໝາຍ';

async function openQuestion(browser, group) {
  await (await byTestId(browser, `group-${group}`)).click();
  await (await byTestId(browser, 'question-tab-1')).click();
  await byTestId(browser, 'question-pictures');
}

/** The thumbnails shown, each as [its caption, its picture's natural width and height]. */
async function tiles(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="picture-tile"]')].map((t) => {
      const img = t.querySelector('img');
      return [t.querySelector('[data-testid="picture-caption"]')?.textContent ?? null, img ? [img.naturalWidth, img.naturalHeight] : null];
    }),
  );
}

describe('pictures of the groups’ work, in the real webview', () => {
  before(async () => {
    await startDriver(4444, 4445);
    await startDriver(4446, 4447);
  });
  after(stopDriver);

  it('attached by the dialog and by paste on one laptop, seen upright on the other', async () => {
    const shared = tempDir('shared');
    const dataA = tempDir('laptop-a');
    const a = await launch(dataA, 4444);
    const dataB = tempDir('laptop-b');
    const b = await launch(dataB, 4446);
    try {
      await share(a, shared, 'Table 1');
      await joinFolder(b, shared);
      await share(b, shared, 'Table 2');

      // Laptop A, in Lao: the flipchart photo through the file dialog, captioned at once.
      await (await byTestId(a, 'lang-lo')).click();
      await openQuestion(a, 'A');
      // The system's file dialog is the webview's file input: WebDriver gives it the file.
      await (await byTestId(a, 'question-pictures-pick')).addValue(FLIPCHART);
      const caption = await byTestId(a, 'picture-caption-input');
      await caption.waitForDisplayed({ timeout: 20_000 });
      await caption.setValue(CAPTION);
      await a.keys('Enter');
      await until(a, async () => (await texts(a, 'picture-caption')).includes(CAPTION), 'caption not saved');
      // Upright: the photo was taken sideways (1600 × 1200 with EXIF orientation 6).
      const [[, size]] = await tiles(a);
      assert.ok(size[1] > size[0], `the thumbnail stands up: ${size}`);

      // A drawing pasted (Ctrl+V) while the question is shown.
      const png = readFileSync(DRAWING).toString('base64');
      const pasted = await a.execute((b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
        const e = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
        document.body.dispatchEvent(e);
        return e.defaultPrevented;
      }, png);
      assert.equal(pasted, true, 'the page took the pasted picture');
      await until(a, async () => (await tiles(a)).length === 2, 'the pasted picture is not shown');
      await (await byTestId(a, 'picture-caption-save')).click();
      await shot(a, 'pictures-question-lo');

      // Full screen, zoomed in.
      await (await a.$$('[data-testid="picture-open"]'))[0].click();
      const full = await byTestId(a, 'picture-full');
      await until(a, async () => (await a.execute((el) => el.naturalWidth, full)) > 0, 'the picture is not shown whole');
      assert.equal(await a.execute((el) => [el.naturalWidth, el.naturalHeight].join('×'), full), '1200×1600');
      assert.equal(await (await byTestId(a, 'picture-viewer-caption')).getText().then((t) => t.startsWith(CAPTION)), true);
      await (await byTestId(a, 'picture-zoom-in')).click();
      assert.equal(await (await byTestId(a, 'picture-zoom')).getText(), '125%');
      await shot(a, 'pictures-viewer-lo');
      await a.keys('Escape');
      await (await a.$('[data-testid="picture-viewer"]')).waitForExist({ reverse: true, timeout: 5_000 });
      await (await byTestId(a, 'lang-en')).click();
      await shot(a, 'pictures-question-en');

      // Laptop B gets both by the background sync: the text first, the pictures after.
      await openQuestion(b, 'A');
      await until(
        b,
        async () => {
          const shown = await tiles(b);
          return shown.length === 2 && shown.every(([, size]) => size !== null && size[0] > 0);
        },
        'the pictures never reached B',
        60_000,
      );
      const onB = await tiles(b);
      assert.deepEqual(
        onB.map(([c]) => c),
        [CAPTION, en['picture.untitled']],
      );
      assert.match((await texts(b, 'picture-tile'))[0], /Table 1/);
      await shot(b, 'pictures-question-other-laptop-en');

      // The picture in the trash on B, and back.
      await (await b.$$('[data-testid="picture-delete"]'))[1].click();
      await until(b, async () => (await tiles(b)).length === 1, 'not put in the trash');
      await (await byTestId(b, 'question-pictures-undo')).click();
      await until(b, async () => (await tiles(b)).length === 2, 'not brought back');
    } finally {
      await close(a);
      await close(b);
    }
    // The CLI on laptop B's data folder (which made the last change: the picture back from the
    // trash — A may not have heard of it when the apps closed): the pictures listed, and in the
    // summary report.
    const listed = JSON.parse(sala(dataB, 'picture', 'list', '--json'));
    assert.deepEqual(
      listed.map((p) => [p.caption, p.width, p.height, p.arrived]),
      [
        [CAPTION, 1200, 1600, true],
        ['', 900, 600, true],
      ],
    );
    const report = join(tempDir('report'), 'summary.html');
    sala(dataB, 'report', '--lang', 'lo', '--out', report);
    const page = readFileSync(report, 'utf8');
    assert.equal(page.match(/<img src="data:image\/(jpeg|png);base64,/g)?.length, 2);
    assert.ok(page.includes(CAPTION));
  });
});
