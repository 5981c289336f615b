// End-to-end: the survey circulated before the workshop. The coordinator saves the form as one
// HTML file; a participant opens it from disk in a real browser (WebKit, phone-sized, no server
// anywhere), answers in Lao and presses "Save my answers"; the answer file it saves goes back
// into Sala, once however often it is imported, and a changed copy is refused by name.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, close, launch, messages, phone, phoneClose, sala, salaRun, shot, startDriver, stopDriver, tempDir } from './harness.mjs';

const lo = messages('lo');

describe('the offline survey form in a real browser', () => {
  before(startDriver);
  after(stopDriver);

  it('answers saved from the file on disk go back into Sala once', async () => {
    const data = tempDir('offline');
    sala(data, 'init', '--demo');
    const form = join(tempDir('offline-form'), 'before-the-workshop.html');
    sala(data, 'survey', 'html', 'pre', '--out', form);
    // Where the coordinator finds it in the app: the form's "Circulate" panel, both languages.
    const app = await launch(data);
    try {
      await (await byTestId(app, 'nav-surveys')).click();
      await (await byTestId(app, 'survey-circulate-pre')).click();
      await (await byTestId(app, 'offline-save')).waitForExist({ timeout: 5_000 });
      await shot(app, 'survey-circulate-en');
      await (await byTestId(app, 'lang-lo')).click();
      await app.waitUntil(async () => (await (await byTestId(app, 'offline-save')).getText()) === lo['survey.offline_save'], { timeout: 5_000 });
      await shot(app, 'survey-circulate-lo');
    } finally {
      await close(app);
    }
    let mobile = null;
    try {
      mobile = await phone(4464);
      await mobile.url(`file://${form}`);
      await (await mobile.$('fieldset')).waitForExist({ timeout: 10_000 });
      await (await mobile.$('#lang-lo')).click();
      await mobile.waitUntil(async () => (await (await mobile.$('button.send')).getText()) === lo['room.phone.offline_save'], { timeout: 5_000 });
      for (const set of await mobile.$$('fieldset')) {
        const scale = await set.$$('.scale label');
        if (scale.length) await scale[Math.floor(scale.length / 2)].click();
        const choices = await set.$$('.choice input');
        if (choices.length) await choices[0].click();
        const text = await set.$$('textarea, input[type="text"]');
        if (text.length) await text[0].setValue('ຢາກຮູ້ກ່ຽວກັບກົດໝາຍ');
      }
      await shot(mobile, 'offline-form-lo');
      // What the browser would download, kept to read back (the download itself is not
      // followed: WebDriver cannot reach a browser's downloads).
      await mobile.execute(() => {
        window.saved = [];
        URL.createObjectURL = (blob) => {
          window.saved.push(blob);
          return 'blob:kept';
        };
        HTMLAnchorElement.prototype.click = function () {};
      });
      await (await mobile.$('button.send')).click();
      const saved = await mobile.$('[data-testid="saved"]');
      await saved.waitForExist({ timeout: 10_000 });
      assert.match(await saved.getText(), /sala-answers-pre-[0-9a-f]{8}\.json/);
      await shot(mobile, 'offline-form-saved-lo');
      const text = await mobile.executeAsync((done) => {
        window.saved[0].text().then(done);
      });
      const answers = join(tempDir('offline-answers'), 'sala-answers-pre.json');
      writeFileSync(answers, text);
      const changed = join(tempDir('offline-answers'), 'changed.json');
      writeFileSync(changed, text.replace('ຢາກຮູ້', 'ບໍ່ຢາກຮູ້'));

      // Back in Sala: imported once, the changed copy refused by name.
      const imported = salaRun(data, 'survey', 'import', 'pre', answers, answers, changed);
      assert.notEqual(imported.status, 0);
      assert.match(imported.stdout, /1 imported, 1 already here \(counted once\), 1 not taken/, imported.stderr);
      assert.match(imported.stderr, /“changed\.json” was changed or damaged/);
      const dump = JSON.parse(sala(data, 'dump', '--json'));
      const responses = dump.survey_responses.filter((r) => !r.deleted);
      assert.equal(responses.length, 1);
      assert.ok(Object.values(responses[0].answers).some((a) => a.type === 'text' && a.value === 'ຢາກຮູ້ກ່ຽວກັບກົດໝາຍ'));
    } finally {
      if (mobile) await phoneClose(mobile);
    }
  });
});
