// The room's page on a participant's phone: what the room offers, and a survey to answer. Built
// with textContent only (never HTML from anywhere); answers kept on the phone until they are
// received, so a phone that loses the Wi-Fi, or comes back later, loses nothing.
'use strict';

// The offline form (`sala survey html`) is this same page saved as one file, with the form in
// it: no server, and "Send" saves an answer file instead.
const offline = (() => {
  const data = document.getElementById('sala-offline');
  return data ? JSON.parse(data.textContent) : null;
})();
const base = offline ? '' : '/' + location.pathname.split('/')[1] + '/';
const main = document.getElementById('main');

/** The browser's storage, where there is one (a private window, or a file opened from disk in
 *  some browsers, has none that works): the page works without it, only forgetting more. */
const kept = {
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      // Not kept: the page goes on.
    }
  },
  remove(key) {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing kept to remove.
    }
  },
};
let words = {};
let lang = kept.get('sala-lang') ||
  ((navigator.languages || [navigator.language]).some((l) => String(l).toLowerCase().startsWith('lo')) ? 'lo' : 'en');
let view = offline ? { name: 'survey', key: offline.form.key } : { name: 'offers' };

/** This phone's anonymous id: random, kept by this browser, never a name. */
function phoneId() {
  let id = kept.get('sala-phone');
  if (!/^[0-9a-f]{32}$/.test(id || '')) {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    id = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    kept.set('sala-phone', id);
  }
  return id;
}

function t(key, params) {
  let s = words['room.phone.' + key] || key;
  for (const [k, v] of Object.entries(params || {})) s = s.split('%{' + k + '}').join(String(v));
  return s;
}

/** A bilingual text in the page's language, or the other where it has none. */
function pick(b) {
  const mine = (b && b[lang]) || '';
  return mine.trim() ? mine : (b && b[lang === 'lo' ? 'en' : 'lo']) || '';
}

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

async function api(path, options) {
  if (offline) return offlineApi(path, options);
  const r = await fetch(base + 'api/' + path, options);
  let body = null;
  try {
    body = await r.json();
  } catch {
    body = null;
  }
  return { status: r.status, body };
}

/** What the server would answer, from the form saved in the file. */
async function offlineApi(path, options) {
  if (path.startsWith('messages')) return { status: 200, body: offline.words[path.endsWith('=en') ? 'en' : 'lo'] };
  if (path.startsWith('survey/') && options) {
    const saved = saveAnswers(JSON.parse(options.body).answers);
    return { status: 200, body: { ok: true, file: saved } };
  }
  if (path.startsWith('survey/')) return { status: 200, body: Object.assign({}, offline.form, { answered: false }) };
  return { status: 404, body: null };
}

/** This browser's answer to this form: one id, kept, so a second save is the same answer. */
function responseId() {
  const key = 'sala-response-' + offline.form.version_id;
  let id = kept.get(key);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id || '')) {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    id = h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
    kept.set(key, id);
  }
  return id;
}

/** SHA-256 of a text's UTF-8 bytes, in hex (in script: a file opened from disk has no crypto.subtle everywhere). */
function sha256(text) {
  const bytes = new TextEncoder().encode(text);
  const K = [];
  const H = [];
  const frac = (x) => ((x - Math.floor(x)) * 0x100000000) >>> 0;
  for (let n = 2, found = 0; found < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    if (found < 8) H.push(frac(Math.sqrt(n)));
    K.push(frac(Math.cbrt(n)));
    found++;
  }
  const length = bytes.length;
  const padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length << 3) >>> 0);
  const w = new Uint32Array(64);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + 4 * i);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, h] = H;
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      [h, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    const next = [a, b, c, d, e, f, g, h];
    for (let i = 0; i < 8; i++) H[i] = (H[i] + next[i]) >>> 0;
  }
  return H.map((x) => x.toString(16).padStart(8, '0')).join('');
}

/** Saves the answers as a small file the participant sends back; its name. */
function saveAnswers(answers) {
  const id = responseId();
  const body = JSON.stringify({ id, answers, saved_at: new Date().toISOString() });
  const file = {
    sala_response: 1,
    workshop_id: offline.workshop.id,
    workshop_title: offline.workshop.title,
    form_id: offline.form.form_id,
    version_id: offline.form.version_id,
    form_version: offline.form.version,
    body,
    sha256: sha256(body),
  };
  const name = 'sala-answers-' + offline.form.key + '-' + id.slice(0, 8) + '.json';
  const link = el('a', { href: URL.createObjectURL(new Blob([JSON.stringify(file)], { type: 'application/json' })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  return name;
}

async function setLang(l) {
  lang = l;
  kept.set('sala-lang', l);
  document.documentElement.lang = l;
  for (const b of ['lo', 'en']) document.getElementById('lang-' + b).setAttribute('aria-pressed', String(b === l));
  const r = await api('messages?lang=' + l);
  if (r.status === 200) words = r.body;
  document.title = t('title');
  render();
}

function show(...nodes) {
  main.replaceChildren(...nodes.filter(Boolean));
  window.scrollTo(0, 0);
}

/** The offers list as last shown, to redraw it only when it changes. */
let shownOffers = '';

async function render() {
  if (view.name === 'survey') return renderSurvey(view.key);
  if (view.name === 'ideas') return renderIdeas(view.group, view.question);
  if (view.name === 'vote') return renderVote(view.group, view.focus);
  if (view.name === 'pictures') return renderPictures(view.group, view.groupName);
  const r = await api('room').catch(() => null);
  if (!r || r.status !== 200) return show(el('p', { class: 'error', text: t('unreachable') }));
  const offers = r.body.offers;
  shownOffers = JSON.stringify(offers) + lang;
  const withdrawn = view.withdrawn ? el('p', { class: 'error', text: t('withdrawn') }) : null;
  if (offers.length === 0) return show(el('h1', { text: t('title') }), withdrawn, el('p', { class: 'note', text: t('nothing_open') }));
  show(
    el('h1', { text: t('title') }),
    withdrawn,
    el('p', { text: t('choose') }),
    ...offers.map((o) => o.kind === 'ideas'
      ? el('button', { class: 'offer', type: 'button', 'data-offer': 'ideas', 'data-question': String(o.number), onclick: () => { view = { name: 'ideas', group: o.group_id, question: o.question_id }; render(); } },
        el('strong', { text: t('ideas_offer', { group: o.group, n: o.number }) }), el('span', { class: 'sub', text: pick(o.text) }))
      : o.kind === 'vote'
      ? el('button', { class: 'offer', type: 'button', 'data-offer': 'vote', onclick: () => { view = { name: 'vote', group: o.group_id, focus: o.focus_area_id }; render(); } },
        el('strong', { text: t('vote_offer', { group: o.group }) }), el('span', { class: 'sub', text: pick(o.focus) }))
      : o.kind === 'pictures'
      ? el('button', { class: 'offer', type: 'button', 'data-offer': 'pictures', onclick: () => { view = { name: 'pictures', group: o.group_id, groupName: o.group }; render(); } },
        el('strong', { text: t('pictures_offer', { group: o.group }) }), el('span', { class: 'sub', text: t('pictures_who') }))
      : el('button', { class: 'offer', type: 'button', 'data-offer': o.key, onclick: () => { view = { name: 'survey', key: o.key }; render(); } }, pick(o.title))),
  );
}

/** While the list of offers is shown, it follows what the facilitator offers. */
setInterval(async () => {
  if (view.name !== 'offers' || document.hidden) return;
  const r = await api('room').catch(() => null);
  if (r && r.status === 200 && JSON.stringify(r.body.offers) + lang !== shownOffers) render();
}, 5000);

/** Back to the offers, saying the one chosen is no longer offered. */
function withdrawn() {
  view = { name: 'offers', withdrawn: true };
  return render();
}

function draftKey(key) {
  return 'sala-draft-' + key;
}

function question(q, draft) {
  const name = q.key;
  const legend = el('legend', { text: pick(q.text) });
  if (q.required) legend.append(el('span', { class: 'req', text: '*', 'aria-label': t('required') }));
  const set = el('fieldset', { 'data-question': name }, legend);
  const kind = q.kind;
  const saved = draft[name];
  if (kind.type === 'rating') {
    const scale = el('div', { class: 'scale' });
    for (let v = kind.min; v <= kind.max; v++) {
      const input = el('input', { type: 'radio', name, value: String(v) });
      if (saved && saved.type === 'rating' && saved.value === v) input.checked = true;
      scale.append(el('label', {}, input, String(v)));
    }
    set.append(scale, el('div', { class: 'ends' }, el('span', { text: pick(kind.low) }), el('span', { text: pick(kind.high) })));
  } else if (kind.type === 'single' || kind.type === 'multiple') {
    for (const o of kind.options) {
      const input = el('input', { type: kind.type === 'single' ? 'radio' : 'checkbox', name, value: o.key });
      if (saved && (saved.value === o.key || (Array.isArray(saved.value) && saved.value.includes(o.key)))) input.checked = true;
      set.append(el('label', { class: 'choice' }, input, el('span', { text: pick(o.label) })));
    }
  } else {
    const input = kind.type === 'long_text' ? el('textarea', { name, rows: '4', maxlength: '20000' }) : el('input', { type: 'text', name, maxlength: '500' });
    if (saved && saved.type === 'text') input.value = saved.value;
    set.append(input);
  }
  return set;
}

/** The answers given in `form`, as the laptop reads them. */
function answersOf(form, survey) {
  const out = {};
  for (const section of survey.sections) {
    for (const q of section.questions) {
      const kind = q.kind.type;
      if (kind === 'rating') {
        const c = form.querySelector(`input[name="${CSS.escape(q.key)}"]:checked`);
        if (c) out[q.key] = { type: 'rating', value: Number(c.value) };
      } else if (kind === 'single') {
        const c = form.querySelector(`input[name="${CSS.escape(q.key)}"]:checked`);
        if (c) out[q.key] = { type: 'choice', value: c.value };
      } else if (kind === 'multiple') {
        const cs = [...form.querySelectorAll(`input[name="${CSS.escape(q.key)}"]:checked`)].map((c) => c.value);
        if (cs.length) out[q.key] = { type: 'choices', value: cs };
      } else {
        const v = form.querySelector(`[name="${CSS.escape(q.key)}"]`).value.trim();
        if (v) out[q.key] = { type: 'text', value: v };
      }
    }
  }
  return out;
}

/** Who answers each linked form on this phone: `{ id, name }`, or `null` for no name. */
const who = {};

/** A linked form asks who is answering: a name found by typing part of it (nobody sees the
 *  whole list), or none. */
function renderWho(key, survey, back) {
  const list = el('div', { class: 'found', 'aria-live': 'polite' });
  const box = el('input', { type: 'text', name: 'who', autocomplete: 'off', 'aria-label': t('who_label'), placeholder: t('who_label') });
  let asked = 0;
  box.addEventListener('input', () => {
    const mine = ++asked;
    setTimeout(async () => {
      if (mine !== asked) return;
      const q = box.value.trim();
      if ([...q].length < 2) return list.replaceChildren();
      const r = await api('people/' + encodeURIComponent(key) + '?q=' + encodeURIComponent(q)).catch(() => null);
      if (mine !== asked || !r || r.status !== 200) return;
      const found = r.body.found;
      list.replaceChildren(...(found.length
        ? found.map((p) => el('button', { class: 'offer', type: 'button', 'data-person': p.id, onclick: () => { who[key] = { id: p.id, name: pick(p.name) }; render(); } }, pick(p.name)))
        : [el('p', { class: 'note', text: t('who_nothing') })]));
    }, 250);
  });
  const none = el('button', { class: 'back', type: 'button', 'data-testid': 'who-none', onclick: () => { who[key] = null; render(); } }, t('who_none'));
  show(back, el('h1', { text: pick(survey.title) }), el('p', { text: t('who_intro') }), box, list, el('p', {}, none));
  box.focus();
}

async function renderSurvey(key) {
  const back = el('button', { class: 'back', type: 'button', onclick: () => { view = { name: 'offers' }; render(); } }, t('back'));
  const r = await api('survey/' + encodeURIComponent(key) + '?phone=' + phoneId()).catch(() => null);
  if (r && r.status === 404) return withdrawn();
  if (!r || r.status !== 200) return show(back, el('p', { class: 'error', text: t('unreachable') }));
  const survey = r.body;
  if (survey.linked && !offline && !(key in who)) return renderWho(key, survey, back);
  if (survey.answered) {
    kept.remove(draftKey(key));
    return show(back, el('h1', { text: pick(survey.title) }), el('p', { class: 'note', 'data-testid': 'answered', text: t('already') }));
  }
  let draft = {};
  try {
    draft = JSON.parse(kept.get(draftKey(key)) || '{}');
  } catch {
    draft = {};
  }
  const status = el('p', { role: 'status' });
  const send = el('button', { class: 'send', type: 'submit', text: t(offline ? 'offline_save' : 'send') });
  const form = el('form', {}, ...survey.sections.flatMap((s) => [
    pick(s.title) ? el('h2', { text: pick(s.title) }) : null,
    ...s.questions.map((q) => question(q, draft)),
  ]).filter(Boolean), status, send);
  form.addEventListener('input', () => kept.set(draftKey(key), JSON.stringify(answersOf(form, survey))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const answers = answersOf(form, survey);
    kept.set(draftKey(key), JSON.stringify(answers));
    send.disabled = true;
    status.className = '';
    status.textContent = t('sending');
    const sent = await api('survey/' + encodeURIComponent(key), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone: phoneId(), participant: who[key] ? who[key].id : null, answers }),
    }).catch(() => null);
    send.disabled = false;
    // Not there any more: the offer (then reading it again says so) or the person answered as.
    if (sent && sent.status === 404) {
      delete who[key];
      return render();
    }
    if (sent && sent.status === 200 && offline) {
      // The answers stay on this page and in the browser: saving again gives the same answer.
      status.className = 'note';
      status.setAttribute('data-testid', 'saved');
      status.textContent = t('offline_saved', { file: sent.body.file });
      return;
    }
    if (sent && sent.status === 200) {
      kept.remove(draftKey(key));
      return show(back, el('h1', { text: pick(survey.title) }), el('p', { class: 'note', 'data-testid': 'thanks', text: t('thanks') }));
    }
    status.className = 'error';
    status.textContent = sent && sent.body && sent.body.message ? sent.body.message[lang] : t('not_sent');
  });
  const intro = pick(survey.intro);
  const as = who[key]
    ? el('p', { class: 'note', 'data-testid': 'who-as' }, t('who_as', { name: who[key].name }) + ' ',
      el('button', { class: 'back', type: 'button', onclick: () => { delete who[key]; render(); } }, t('who_change')))
    : null;
  show(offline ? null : back, el('h1', { text: pick(survey.title) }), as, intro ? el('p', { text: intro }) : null,
    offline ? el('p', { class: 'note', text: t('offline_intro') }) : null, form);
}

/** What this phone sent, and what became of each. */
function sentList(sent) {
  if (!sent.length) return null;
  return el('section', { class: 'sent' },
    el('h2', { text: t('your_ideas') }),
    el('ol', { 'data-testid': 'sent' }, ...sent.map((i) => el('li', {},
      el('span', { class: 'text', text: i.text }),
      el('span', { class: 'status ' + i.status, text: t('status_' + i.status) })))));
}

async function renderIdeas(group, question) {
  const back = el('button', { class: 'back', type: 'button', onclick: () => { view = { name: 'offers' }; render(); } }, t('back'));
  const path = 'ideas/' + encodeURIComponent(group) + '/' + encodeURIComponent(question);
  const r = await api(path + '?phone=' + phoneId()).catch(() => null);
  if (r && r.status === 404) return withdrawn();
  if (!r || r.status !== 200) return show(back, el('p', { class: 'error', text: t('unreachable') }));
  const target = r.body;
  const draftKey = 'sala-idea-' + group + '-' + question;
  const box = el('textarea', { name: 'idea', rows: '4', maxlength: String(target.max_chars), placeholder: t('idea_placeholder'), 'aria-label': t('idea_placeholder') });
  box.value = kept.get(draftKey) || '';
  const count = el('p', { class: 'count', 'aria-live': 'off' });
  const counted = () => { count.textContent = t('chars', { n: [...box.value].length, max: target.max_chars }); };
  counted();
  box.addEventListener('input', () => { kept.set(draftKey, box.value); counted(); });
  const status = el('p', { role: 'status' });
  const send = el('button', { class: 'send', type: 'submit', text: t('send_idea') });
  let list = sentList(target.sent);
  const form = el('form', {}, box, count, status, send);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!box.value.trim()) return box.focus();
    send.disabled = true;
    status.className = '';
    status.textContent = t('sending');
    const sent = await api(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone: phoneId(), text: box.value }),
    }).catch(() => null);
    send.disabled = false;
    // The offer withdrawn meanwhile: reading it again says so.
    if (sent && sent.status === 404) return render();
    if (sent && sent.status === 200) {
      box.value = '';
      kept.remove(draftKey);
      counted();
      status.className = 'note';
      status.textContent = t('idea_sent');
      const fresh = sentList(sent.body.sent);
      if (list) list.replaceWith(fresh); else form.after(fresh);
      list = fresh;
      return box.focus();
    }
    status.className = 'error';
    status.textContent = sent && sent.body && sent.body.message ? sent.body.message[lang] : t('not_sent_idea');
  });
  show(back,
    el('h1', { text: t('ideas_offer', { group: target.group, n: target.number }) }),
    el('blockquote', { text: pick(target.text) }),
    form, list);
}

/** A file from the phone, as base64 (FileReader: every phone browser has it). */
function base64Of(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => { const url = String(reader.result || ''); resolve(url.slice(url.indexOf(',') + 1)); };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** A facilitator or note-taker sends photos of the table's flipcharts to the group's work. */
async function renderPictures(group, name) {
  const back = el('button', { class: 'back', type: 'button', onclick: () => { view = { name: 'offers' }; render(); } }, t('back'));
  const path = 'pictures/' + encodeURIComponent(group);
  const file = el('input', { type: 'file', name: 'picture', accept: 'image/jpeg,image/png,image/heic,image/heif,image/*', 'aria-label': t('picture_choose') });
  const caption = el('input', { type: 'text', name: 'caption', maxlength: '500', placeholder: t('picture_caption'), 'aria-label': t('picture_caption') });
  const status = el('p', { role: 'status' });
  const send = el('button', { class: 'send', type: 'submit', text: t('send_picture') });
  const sent = el('ol', { class: 'sent', 'data-testid': 'pictures-sent' });
  const form = el('form', {}, el('label', { class: 'who' }, t('picture_choose'), file), caption, status, send);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const picked = file.files && file.files[0];
    if (!picked) return file.focus();
    send.disabled = true;
    status.className = '';
    status.textContent = t('sending');
    let r = null;
    try {
      const base64 = await base64Of(picked);
      r = await api(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ phone: phoneId(), name: picked.name || 'photo.jpg', base64, caption: caption.value }),
      });
    } catch {
      r = null;
    }
    send.disabled = false;
    if (r && r.status === 404) return withdrawn();
    if (r && r.status === 200) {
      sent.append(el('li', {}, el('span', { class: 'text', text: r.body.caption || t('picture_untitled') }),
        el('span', { class: 'status accepted', text: t('picture_sent') })));
      file.value = '';
      caption.value = '';
      status.className = 'note';
      status.textContent = t('picture_sent');
      return;
    }
    status.className = 'error';
    status.textContent = r && r.body && r.body.message ? r.body.message[lang] : t('not_sent_picture');
  });
  show(back, el('h1', { text: t('pictures_offer', { group: name }) }), el('p', { class: 'note', text: t('pictures_intro') }), form, sent);
}

const QUADRANTS = ['strengths', 'weaknesses', 'opportunities', 'threats'];

async function renderVote(group, focus) {
  const back = el('button', { class: 'back', type: 'button', onclick: () => { view = { name: 'offers' }; render(); } }, t('back'));
  const path = 'vote/' + encodeURIComponent(group) + '/' + encodeURIComponent(focus);
  const r = await api(path + '?phone=' + phoneId()).catch(() => null);
  if (r && r.status === 404) return withdrawn();
  if (!r || r.status !== 200) return show(back, el('p', { class: 'error', text: t('unreachable') }));
  const status = el('p', { role: 'status' });
  const left = el('p', { class: 'dots', 'data-testid': 'dots-left' });
  const draw = (board) => {
    left.textContent = t('dots_left', { n: board.vote_limit - board.used, max: board.vote_limit });
    const quadrants = QUADRANTS.map((q) => {
      const cards = board.cards.filter((c) => c.quadrant === q);
      if (!cards.length) return null;
      return el('section', { class: 'quadrant ' + q },
        el('h2', { text: t('quadrant_' + q) }),
        ...cards.map((c) => {
          const dots = el('span', { class: 'mine', 'aria-label': t('my_dots', { n: c.mine }), text: '●'.repeat(c.mine) });
          const add = el('button', { class: 'dot', type: 'button', 'data-testid': 'dot-add', 'aria-label': t('add_dot'), onclick: () => cast(c.id, true) }, '+');
          if (board.used >= board.vote_limit) add.disabled = true;
          const take = el('button', { class: 'dot', type: 'button', 'data-testid': 'dot-take', 'aria-label': t('take_dot'), onclick: () => cast(c.id, false) }, '−');
          take.disabled = c.mine === 0;
          return el('div', { class: 'card', 'data-card': c.id }, el('span', { class: 'text', text: c.text }), el('span', { class: 'vote' }, take, dots, add));
        }));
    }).filter(Boolean);
    if (!quadrants.length) quadrants.push(el('p', { class: 'note', text: t('no_cards') }));
    boardEl.replaceChildren(...quadrants);
  };
  const boardEl = el('div', { class: 'board' });
  async function cast(card, add) {
    status.className = '';
    status.textContent = t('sending');
    const sent = await api(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone: phoneId(), card, add }),
    }).catch(() => null);
    if (sent && sent.status === 200) {
      status.textContent = '';
      return draw(sent.body);
    }
    // A card gone meanwhile, or the vote no longer offered: read the board again.
    if (sent && sent.status === 404) return renderVote(group, focus);
    status.className = 'error';
    status.textContent = sent && sent.body && sent.body.message ? sent.body.message[lang] : t('not_sent_vote');
  }
  const first = r.body;
  draw(first);
  show(back,
    el('h1', { text: t('vote_offer', { group: first.group }) }),
    el('p', { class: 'sub', text: pick(first.focus) }),
    left, status, boardEl);
}

document.getElementById('lang-lo').addEventListener('click', () => setLang('lo'));
document.getElementById('lang-en').addEventListener('click', () => setLang('en'));
setLang(lang);
