// An accessibility and layout audit of every view, in the real webview: in Lao and English, at
// 1366×700 (a 1366×768 laptop less its title bar and taskbar) and 1280×650, axe-core's WCAG 2.1
// A and AA rules find nothing; everything a person must reach is on screen or in an area that
// scrolls; no text overflows its box; the navigation fits without scrolling.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { byTestId, close, launch, shot, startDriver, stopDriver, tempDir } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SIZES = [
  [1366, 700],
  [1280, 650],
];

/** The views, each reached from the main window by clicks; `leave` returns to it. */
const VIEWS = [
  { name: 'agenda', open: ['nav-agenda'] },
  { name: 'focus-areas', open: ['nav-focus'] },
  { name: 'people', open: ['nav-people'] },
  { name: 'timer', open: ['nav-timer'] },
  { name: 'timer-full-screen', open: ['nav-timer', 'timer-fullscreen'], leave: ['timer-fullscreen'] },
  { name: 'groups', open: ['nav-groups-admin'] },
  { name: 'group-notes', open: ['group-A'] },
  { name: 'group-present', open: ['group-A', 'present'], leave: ['present-exit'] },
  { name: 'group-swot', open: ['group-A', 'tab-swot'] },
  { name: 'actions', open: ['nav-actions'] },
  { name: 'action-form', open: ['nav-actions', 'new-action'] },
  { name: 'actions-timeline', open: ['nav-actions', 'plan-timeline'] },
  { name: 'coordinator', open: ['nav-coordinator'] },
  { name: 'settings', open: ['nav-settings'] },
  { name: 'reports', open: ['nav-reports'] },
  { name: 'surveys', open: ['nav-surveys'] },
  { name: 'kiosk-start', open: ['nav-surveys', 'survey-kiosk-pre'] },
  { name: 'conflicts', open: ['nav-conflicts'] },
  { name: 'sync', open: ['nav-sync'] },
  { name: 'trash', open: ['nav-trash'] },
  { name: 'backups', open: ['nav-backups'] },
  { name: 'workshops', open: ['open-workshops'] },
  { name: 'duplicate-workshop', open: ['open-workshops', 'workshops-duplicate'] },
  { name: 'new-workshop', open: ['demo-new-workshop'] },
  { name: 'board-full-screen', open: ['group-A', 'tab-swot', 'board-fullscreen'], leave: ['board-fullscreen'] },
  // The kiosk, step by step: the language, who answers, the form; left with its code.
  {
    name: 'kiosk-language',
    open: ['nav-surveys', 'survey-kiosk-post', { type: 'survey-code', text: '2468' }, 'survey-start'],
  },
  { name: 'kiosk-who', open: ['kiosk-lang-lo'] },
  {
    name: 'kiosk-form',
    open: ['kiosk-not-listed'],
    leave: ['kiosk-leave', { type: 'kiosk-code', text: '2468' }, 'kiosk-leave-confirm'],
  },
];

/** Runs in the page: what a person cannot reach or read, besides axe's findings. */
function layoutProblems() {
  const out = [];
  const describe = (el) => {
    const id = el.getAttribute('data-testid');
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''} “${text}”`;
  };
  const visible = (el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0;
  };
  const scrolls = (el) => {
    const s = getComputedStyle(el);
    return /(auto|scroll)/.test(s.overflowY + s.overflowX) && (el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth);
  };
  const W = innerWidth;
  const H = innerHeight;
  const pageScrolls = document.scrollingElement.scrollHeight > H + 1;
  for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    // Outside the window, and no area it sits in scrolls to it.
    if (r.top >= H || r.left >= W || r.bottom <= 0 || r.right <= 0) {
      let reachable = pageScrolls;
      for (let p = el.parentElement; p && !reachable; p = p.parentElement) reachable = scrolls(p);
      if (!reachable) out.push(`unreachable: ${describe(el)} at ${Math.round(r.left)},${Math.round(r.top)}`);
    }
  }
  // Text wider than its box: cut off (overflow hidden) or spilling over (buttons, cells, fields).
  for (const el of document.querySelectorAll('button, th, td, label, h1, h2, h3, h4, select, nav *, header *, footer *')) {
    if (!visible(el)) continue;
    const s = getComputedStyle(el);
    if (s.textOverflow === 'ellipsis' || el.closest('[data-audit-scrolls]')) continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && /(hidden|clip|visible)/.test(s.overflowX)) {
      out.push(`overflows its box: ${describe(el)} (${el.scrollWidth} > ${el.clientWidth})`);
    }
  }
  // The navigation fits: nothing in it is below its visible part.
  const nav = document.querySelector('nav');
  if (nav && visible(nav) && nav.scrollHeight > nav.clientHeight + 1) {
    out.push(`the navigation needs scrolling: ${nav.scrollHeight} > ${nav.clientHeight}`);
  }
  // The workshop's title stays on one line in the header.
  const title = document.querySelector('[data-testid="open-workshops"]');
  if (title && visible(title)) {
    const lh = parseFloat(getComputedStyle(title).lineHeight) || 24;
    if (title.getBoundingClientRect().height > lh * 1.5) out.push(`the title wraps: ${describe(title)}`);
  }
  return out;
}

async function audit(browser) {
  await browser.execute(AXE);
  const result = await browser.executeAsync((done) => {
    window.axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
      .then((r) =>
        done(
          r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}× — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join('')}`).join(' | ')}`),
        ),
      )
      .catch((e) => done([`axe failed: ${e}`]));
  });
  return [...result, ...(await browser.execute(layoutProblems))];
}

/** One step: a click on a test id, or `{ type, text }` typed into one. */
async function click(browser, step) {
  const el = await byTestId(browser, typeof step === 'string' ? step : step.type);
  await el.scrollIntoView({ block: 'center' });
  if (typeof step === 'string') await el.click();
  else await el.setValue(step.text);
}

describe('accessibility and layout audit', () => {
  before(startDriver);
  after(stopDriver);

  it('every view, in Lao and English, at 1366×700 and 1280×650: no WCAG 2.1 AA violation, nothing out of reach or overflowing', async () => {
    const browser = await launch(tempDir('audit'));
    const found = [];
    try {
      await byTestId(browser, 'group-A');
      for (const lang of ['lo', 'en']) {
        for (const [w, h] of SIZES) {
          // (The kiosk sets the language its participant chose: set it back each round.)
          await click(browser, `lang-${lang}`);
          await browser.setWindowSize(w, h);
          await browser.waitUntil(async () => (await browser.execute(() => innerHeight)) <= h, { timeout: 5_000 });
          for (const view of VIEWS) {
            for (const id of view.open) await click(browser, id);
            await browser.pause(300);
            if (w === 1366) await shot(browser, `audit-${view.name}-${lang}`);
            for (const p of await audit(browser)) found.push(`${view.name} ${lang} ${w}×${h}: ${p}`);
            for (const id of view.leave ?? []) await click(browser, id);
            if (['kiosk-start', 'new-workshop', 'action-form', 'duplicate-workshop'].includes(view.name)) await click(browser, 'nav-agenda');
          }
        }
      }
    } finally {
      await close(browser);
    }
    assert.deepEqual(found, [], `\n${found.join('\n')}`);
  });
});
