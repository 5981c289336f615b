// End-to-end: the room's page in Chromium — Android's browser engine — in mobile emulation
// (a 390×844 phone, an Android user agent), beside the WebKit phone of room.test.mjs. The room
// is opened by `sala room open` in the foreground; the phone, in English (its language), answers
// the workshop evaluation without giving its name and sends an idea; both are in the store. The
// facilitator's phone sends the photo of a flipchart to the group's work: kept upright, without
// its location.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { remote } from 'webdriverio';
import { join } from 'node:path';
import { ROOT, messages, sala, salaSpawn, shot, tempDir, waitForPorts } from './harness.mjs';

const en = messages('en');
const PORT = 4480;
let driver = null;

describe('the room in Chromium on an Android-sized phone', () => {
  before(async () => {
    driver = spawn('chromedriver', [`--port=${PORT}`], { stdio: 'ignore' });
    await waitForPorts([PORT], 15_000);
  });
  after(() => driver?.kill('SIGTERM'));

  it('answers the evaluation without a name and sends an idea, in the phone’s English', async () => {
    const data = tempDir('room-chromium');
    sala(data, 'init', '--demo');
    const room = salaSpawn(data, 'room', 'open', '--bind', '127.0.0.1', '--code', 'CHROME7', '--offer', 'survey:post', '--offer', 'ideas:A:1', '--offer', 'pictures:A');
    const lines = createInterface({ input: room.stdout });
    const address = await new Promise((resolve) => lines.once('line', (l) => resolve(l.split(' ').find((w) => w.startsWith('http://')))));
    lines.on('line', () => {});
    let phone = null;
    try {
      phone = await remote({
        hostname: '127.0.0.1',
        port: PORT,
        logLevel: 'error',
        capabilities: {
          browserName: 'chrome',
          'goog:chromeOptions': {
            binary: '/usr/bin/chromium',
            args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--lang=en-US'],
            mobileEmulation: {
              deviceMetrics: { width: 390, height: 844, pixelRatio: 3, touch: true, mobile: true },
              userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
            },
          },
        },
      });
      await phone.url(address.replace(/\.$/, ''));
      const post = await phone.$('[data-offer="post"]');
      await post.waitForExist({ timeout: 10_000 });
      assert.equal(await post.getText(), 'Workshop evaluation');
      await post.click();
      await (await phone.$('[data-testid="who-none"]')).click();
      await (await phone.$('fieldset')).waitForExist({ timeout: 10_000 });
      for (const set of await phone.$$('fieldset')) {
        const scale = await set.$$('.scale label');
        if (scale.length) await scale[scale.length - 1].click();
        const choices = await set.$$('.choice input');
        if (choices.length) await choices[0].click();
        const text = await set.$$('textarea, input[type="text"]');
        if (text.length) await text[0].setValue('More time for the SWOT, please');
      }
      await (await phone.$('button.send')).click();
      const thanks = await phone.$('[data-testid="thanks"]');
      await thanks.waitForExist({ timeout: 10_000 });
      assert.equal(await thanks.getText(), en['room.phone.thanks']);
      await shot(phone, 'room-chromium-thanks-en');

      await (await phone.$('button.back')).click();
      await (await phone.$('[data-offer="ideas"]')).click();
      const box = await phone.$('textarea[name="idea"]');
      await box.waitForExist({ timeout: 10_000 });
      await box.setValue('ກົດໝາຍປົກປ້ອງຂໍ້ມູນ — a data protection law');
      await (await phone.$('button.send')).click();
      await phone.waitUntil(async () => (await (await phone.$('[role="status"]')).getText()) === en['room.phone.idea_sent'], { timeout: 10_000 });
      await shot(phone, 'room-chromium-idea-en');

      // The facilitator's phone: a photo of the flipchart, taken sideways, with a caption.
      await (await phone.$('button.back')).click();
      await (await phone.$('[data-offer="pictures"]')).click();
      const file = await phone.$('input[type="file"]');
      await file.waitForExist({ timeout: 10_000 });
      await file.addValue(join(ROOT, 'tests/fixtures/pictures/flipchart-sideways-gps.jpg'));
      await (await phone.$('input[name="caption"]')).setValue('Flipchart of table A');
      await (await phone.$('button.send')).click();
      await phone.waitUntil(async () => (await (await phone.$('[role="status"]')).getText()) === en['room.phone.picture_sent'], { timeout: 20_000 });
      await shot(phone, 'room-chromium-picture-en');

      const dump = JSON.parse(sala(data, 'dump', '--json'));
      const responses = dump.survey_responses.filter((r) => !r.deleted);
      assert.equal(responses.length, 1);
      assert.equal(responses[0].participant_id, null);
      assert.match(responses[0].source.phone, /^[0-9a-f]{32}$/);
      assert.deepEqual(dump.ideas.map((i) => [i.text, i.status]), [['ກົດໝາຍປົກປ້ອງຂໍ້ມູນ — a data protection law', 'pending']]);
      const pictures = JSON.parse(sala(data, 'picture', 'list', '--json'));
      assert.deepEqual(pictures.map((p) => [p.caption, p.width, p.height, p.arrived]), [['Flipchart of table A', 1200, 1600, true]]);
    } finally {
      if (phone) await phone.deleteSession().catch(() => {});
      room.kill('SIGINT');
      await new Promise((r) => room.once('exit', r));
    }
  });
});
