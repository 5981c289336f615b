// End-to-end: the room. The coordinator opens it in the real app, offering the pre-workshop
// survey; a participant's phone (WebKit's browser in a phone-sized window) opens the address,
// switches to Lao, answers and sends; the answers are in the laptop's store, saying they came
// from a phone through this table; the phone cannot answer twice; closing the room stops it.
// Then ideas: a phone sends two for a group's question, they wait in the group's queue beside
// its notes, the table accepts one (a note from a participant) and rejects the other, and the
// phone sees what became of each.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, close, launch, messages, phone, phoneClose, sala, shot, startDriver, stopDriver, tempDir } from './harness.mjs';

const lo = messages('lo');

/** The texts of every element `selector` finds, in order. */
async function texts(browser, selector) {
  const out = [];
  for (const e of await browser.$$(selector)) out.push(await e.getText());
  return out;
}
const en = messages('en');

describe('the room in the real app, a phone in a real browser', () => {
  before(startDriver);
  after(stopDriver);

  it('a phone answers the offered survey in Lao and the laptop has it, once', async () => {
    const data = tempDir('room');
    sala(data, 'init', '--demo');
    sala(data, 'participant', 'add', '--name-lo', 'ສົມພອນ ແກ້ວມະນີ', '--name-en', 'Somphone Keomany', '--organisation', 'MTC');
    sala(data, 'sync', '--label', 'Table 3', '--folder', tempDir('room-shared'));
    const app = await launch(data);
    let mobile = null;
    try {
      await (await byTestId(app, 'nav-room')).click();
      const pre = await byTestId(app, 'room-offer-pre');
      if (!(await pre.isSelected())) await pre.click();
      await (await byTestId(app, 'room-open')).click();
      const address = await (await byTestId(app, 'room-address')).getText();
      const code = await (await byTestId(app, 'room-code')).getText();
      assert.match(address, new RegExp(`^http://[0-9.]+:[0-9]+/${code}/$`));
      assert.equal(await (await app.$('[role="note"]')).getText(), en['room.plain_http']);
      await shot(app, 'room-open-en');
      await (await byTestId(app, 'lang-lo')).click();
      await app.waitUntil(async () => (await (await app.$('[role="note"]')).getText()) === lo['room.plain_http'], { timeout: 5_000 });
      await shot(app, 'room-open-lo');
      await (await byTestId(app, 'room-project')).click();
      await byTestId(app, 'room-projector');
      await shot(app, 'room-projector-lo');
      await app.keys('Escape');

      mobile = await phone();
      await mobile.url(address);
      const offer = await mobile.$('[data-offer="pre"]');
      await offer.waitForExist({ timeout: 10_000 });
      await (await mobile.$('#lang-lo')).click();
      await mobile.waitUntil(async () => (await offer.getText()) === 'ແບບສຳຫຼວດກ່ອນກອງປະຊຸມ', { timeout: 5_000 });
      await shot(mobile, 'room-phone-offers-lo');
      await offer.click();
      // The form is linked: the phone asks who is answering — a name found from two letters.
      const name = await mobile.$('input[name="who"]');
      await name.waitForExist({ timeout: 10_000 });
      await name.setValue('ສົມ');
      const person = await mobile.$('[data-person]');
      await person.waitForExist({ timeout: 10_000 });
      assert.equal(await person.getText(), 'ສົມພອນ ແກ້ວມະນີ');
      await shot(mobile, 'room-phone-who-lo');
      await person.click();
      await (await mobile.$('fieldset')).waitForExist({ timeout: 10_000 });
      assert.equal(await (await mobile.$('[data-testid="who-as"]')).getText(), 'ຕອບໃນນາມ ສົມພອນ ແກ້ວມະນີ. ບໍ່ແມ່ນທ່ານບໍ?');
      // Every question: the middle of a scale, the first choice, words in a text box.
      for (const set of await mobile.$$('fieldset')) {
        const scale = await set.$$('.scale label');
        if (scale.length) await scale[Math.floor(scale.length / 2)].click();
        const choices = await set.$$('.choice input');
        if (choices.length) await choices[0].click();
        const text = await set.$$('textarea, input[type="text"]');
        if (text.length) await text[0].setValue('ຕ້ອງການກົດໝາຍ <b>data</b>');
      }
      await shot(mobile, 'room-phone-form-lo');
      await (await mobile.$('button.send')).click();
      const thanks = await mobile.$('[data-testid="thanks"]');
      await thanks.waitForExist({ timeout: 10_000 });
      assert.equal(await thanks.getText(), lo['room.phone.thanks']);
      await shot(mobile, 'room-phone-thanks-lo');

      // On the laptop: one response, from a phone, through Table 3, the text kept as typed.
      const dump = JSON.parse(sala(data, 'dump', '--json'));
      const responses = dump.survey_responses.filter((r) => !r.deleted);
      assert.equal(responses.length, 1);
      assert.equal(responses[0].source.via, 'Table 3');
      assert.equal(responses[0].participant_id, dump.participants[0].id);
      assert.match(responses[0].source.phone, /^[0-9a-f]{32}$/);
      assert.ok(Object.values(responses[0].answers).some((a) => a.type === 'text' && a.value === 'ຕ້ອງການກົດໝາຍ <b>data</b>'));

      // The same phone comes back: it has answered.
      await mobile.url(address);
      await (await mobile.$('[data-offer="pre"]')).waitForExist({ timeout: 10_000 });
      await (await mobile.$('[data-offer="pre"]')).click();
      await (await mobile.$('[data-testid="who-none"]')).click();
      const answered = await mobile.$('[data-testid="answered"]');
      await answered.waitForExist({ timeout: 10_000 });
      assert.equal(await answered.getText(), lo['room.phone.already']);

      // Closed: the address answers nothing any more.
      await (await byTestId(app, 'room-close')).click();
      await (await byTestId(app, 'room-open')).waitForExist({ timeout: 5_000 });
      await assert.rejects(fetch(address));
    } finally {
      if (mobile) await phoneClose(mobile);
      await close(app);
    }
  });

  it('ideas from a phone wait in the group queue until the table accepts or rejects them', async () => {
    const data = tempDir('room-ideas');
    sala(data, 'init', '--demo');
    sala(data, 'sync', '--label', 'Table 2', '--folder', tempDir('room-ideas-shared'));
    const app = await launch(data);
    let mobile = null;
    try {
      await (await byTestId(app, 'nav-room')).click();
      const pre = await byTestId(app, 'room-offer-pre');
      if (await pre.isSelected()) await pre.click();
      const questions = await byTestId(app, 'room-idea-question');
      await questions.selectByIndex(1);
      await (await byTestId(app, 'room-idea-add')).click();
      await (await byTestId(app, 'room-open')).click();
      const address = await (await byTestId(app, 'room-address')).getText();
      assert.equal(await (await byTestId(app, 'room-offering')).getText(), 'Ideas: group A, question 2');
      await shot(app, 'room-ideas-open-en');

      mobile = await phone(4461);
      await mobile.url(address);
      const offer = await mobile.$('[data-offer="ideas"]');
      await offer.waitForExist({ timeout: 10_000 });
      await (await mobile.$('#lang-lo')).click();
      await mobile.waitUntil(async () => (await offer.getText()).startsWith('ແນວຄິດຂອງທ່ານ — ກຸ່ມ A, ຄຳຖາມ 2'), { timeout: 5_000 });
      await offer.click();
      const box = await mobile.$('textarea[name="idea"]');
      await box.waitForExist({ timeout: 10_000 });
      for (const idea of ['ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນສ່ວນບຸກຄົນ', '<img src=x onerror=alert(1)> off topic']) {
        await box.setValue(idea);
        await (await mobile.$('button.send')).click();
        await mobile.waitUntil(async () => (await (await mobile.$('[role="status"]')).getText()) === lo['room.phone.idea_sent'], { timeout: 10_000 });
        await mobile.waitUntil(async () => (await box.getValue()) === '', { timeout: 5_000 });
      }
      assert.deepEqual(await texts(mobile, '[data-testid="sent"] li .text'), ['ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນສ່ວນບຸກຄົນ', '<img src=x onerror=alert(1)> off topic']);
      await shot(mobile, 'room-phone-ideas-lo');

      // On the laptop, beside group A's question 2: both wait, shown as the text they are.
      await (await byTestId(app, 'group-A')).click();
      await (await byTestId(app, 'question-tab-2')).click();
      await app.waitUntil(async () => (await app.$$('[data-testid="idea-text"]')).length === 2, { timeout: 10_000 });
      const ideas = await app.$$('[data-testid="idea-text"]');
      assert.equal(await ideas[1].getText(), '<img src=x onerror=alert(1)> off topic');
      assert.equal((await app.$$('[data-testid="ideas-queue"] img')).length, 0);
      await shot(app, 'room-ideas-queue-en');
      await (await byTestId(app, 'lang-lo')).click();
      await app.waitUntil(async () => (await (await byTestId(app, 'ideas-waiting')).getText()) === 'ລໍຖ້າ 2', { timeout: 5_000 });
      await shot(app, 'room-ideas-queue-lo');

      await (await app.$$('[data-testid="idea-accept"]'))[0].click();
      await app.waitUntil(async () => (await app.$$('[data-testid="note-text"]')).length === 1, { timeout: 10_000 });
      assert.equal(await (await byTestId(app, 'note-text')).getText(), 'ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນສ່ວນບຸກຄົນ');
      assert.equal(await (await byTestId(app, 'note-from-participant')).getText(), lo['idea.from_participant']);
      await (await byTestId(app, 'idea-reject')).click();
      await (await byTestId(app, 'idea-undo-reject')).waitForExist({ timeout: 5_000 });
      await shot(app, 'room-ideas-moderated-lo');

      // The phone sees what became of each.
      await mobile.refresh();
      await (await mobile.$('[data-offer="ideas"]')).waitForExist({ timeout: 10_000 });
      await (await mobile.$('[data-offer="ideas"]')).click();
      await (await mobile.$('[data-testid="sent"]')).waitForExist({ timeout: 10_000 });
      assert.deepEqual(await texts(mobile, '[data-testid="sent"] li .status'), [lo['room.phone.status_accepted'], lo['room.phone.status_rejected']]);
      await shot(mobile, 'room-phone-ideas-after-lo');

      // The projector's results: the accepted idea's Lao words, segmented; nothing of the rejected one.
      await (await byTestId(app, 'nav-room')).click();
      await app.waitUntil(async () => (await texts(app, '[data-testid="cloud-word"]')).length > 0, { timeout: 10_000 });
      const words = await texts(app, '[data-testid="cloud-word"]');
      assert.ok(words.includes('ກົດໝາຍ') && words.includes('ຂໍ້ມູນ'), words.join(' '));
      assert.ok(!words.some((w) => w.includes('topic') || w === 'ຄວນ' || w === 'ມີ'), words.join(' '));
      await (await byTestId(app, 'room-project')).click();
      await (await byTestId(app, 'project-results')).click();
      await (await byTestId(app, 'word-cloud')).waitForExist({ timeout: 5_000 });
      await shot(app, 'room-projector-results-lo');
      await app.keys('Escape');

      const dump = JSON.parse(sala(data, 'dump', '--json'));
      assert.deepEqual(dump.ideas.map((i) => [i.status, i.via]), [['accepted', 'Table 2'], ['rejected', 'Table 2']]);
      assert.equal(dump.notes.filter((n) => !n.deleted && n.idea_id === dump.ideas[0].id).length, 1);
    } finally {
      if (mobile) await phoneClose(mobile);
      await close(app);
    }
  });

  it('phones place their dots on a group board and the board in the app shows the tally as they come', async () => {
    const data = tempDir('room-vote');
    sala(data, 'init', '--demo');
    sala(data, 'card', 'add', '--group', 'A', '--focus', 'policy', '--quadrant', 'w', '--text', 'ບໍ່ມີກົດໝາຍແບ່ງປັນຂໍ້ມູນ');
    sala(data, 'card', 'add', '--group', 'A', '--focus', 'policy', '--quadrant', 'o', '--text', 'Donor support for skills');
    const app = await launch(data);
    let mobile = null;
    try {
      await (await byTestId(app, 'nav-room')).click();
      const pre = await byTestId(app, 'room-offer-pre');
      if (await pre.isSelected()) await pre.click();
      await (await byTestId(app, 'room-vote-add')).click();
      await (await byTestId(app, 'room-open')).click();
      const address = await (await byTestId(app, 'room-address')).getText();
      // The board on the laptop (what the projector shows), before any dot.
      await (await byTestId(app, 'group-A')).click();
      await (await byTestId(app, 'tab-swot')).click();
      await app.waitUntil(async () => (await texts(app, '[data-testid="card-votes"]')).length === 2, { timeout: 10_000 });
      assert.deepEqual(await texts(app, '[data-testid="card-votes"]'), ['● 0', '● 0']);

      mobile = await phone(4462);
      await mobile.url(address);
      const offer = await mobile.$('[data-offer="vote"]');
      await offer.waitForExist({ timeout: 10_000 });
      await (await mobile.$('#lang-lo')).click();
      await mobile.waitUntil(async () => (await offer.getText()).startsWith('ລົງຄະແນນດ້ວຍຈຸດ — ກຸ່ມ A'), { timeout: 5_000 });
      await offer.click();
      await (await mobile.$('[data-testid="dots-left"]')).waitForExist({ timeout: 10_000 });
      const left = async () => (await mobile.$('[data-testid="dots-left"]')).getText();
      assert.equal(await left(), 'ທ່ານຍັງເຫຼືອ 3 ຈາກ 3 ຈຸດ');
      // Two dots on the first card, one on the second: the budget is spent, + is disabled.
      for (const i of [0, 0, 1]) {
        const before = await left();
        await (await mobile.$$('[data-testid="dot-add"]'))[i].click();
        await mobile.waitUntil(async () => (await left()) !== before, { timeout: 10_000 });
      }
      assert.equal(await left(), 'ທ່ານຍັງເຫຼືອ 0 ຈາກ 3 ຈຸດ');
      for (const add of await mobile.$$('[data-testid="dot-add"]')) assert.equal(await add.isEnabled(), false);
      await shot(mobile, 'room-phone-vote-lo');

      // The laptop's board follows, with nobody pressing anything.
      await app.waitUntil(async () => (await texts(app, '[data-testid="card-votes"]')).join(' ') === '● 2 ● 1', { timeout: 10_000 });
      await shot(app, 'room-vote-board-en');
      await (await byTestId(app, 'nav-room')).click();
      await app.waitUntil(async () => (await texts(app, '[data-testid="results-card"]')).length === 2, { timeout: 10_000 });
      assert.deepEqual(await texts(app, '[data-testid="results-card"] .label'), ['ບໍ່ມີກົດໝາຍແບ່ງປັນຂໍ້ມູນ', 'Donor support for skills']);
      assert.deepEqual(await texts(app, '[data-testid="results-card"] .n'), ['2', '1']);
      const dump = JSON.parse(sala(data, 'dump', '--json'));
      assert.equal(dump.swot_votes.filter((v) => !v.deleted).length, 3);
    } finally {
      if (mobile) await phoneClose(mobile);
      await close(app);
    }
  });
});
