// Drives the real app (the binary `tauri build --debug --no-bundle` made, with its UI embedded)
// through tauri-driver → WebKitWebDriver. Run under xvfb-run by `cargo xtask test`.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const APP = join(ROOT, 'target/debug/sala-app');
export const SALA = join(ROOT, 'target/debug/sala');

function flatten(value, prefix = '', out = {}) {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = String(value);
  return out;
}

/** The messages of a locale file, by flattened key. */
export function messages(lang) {
  return flatten(parse(readFileSync(join(ROOT, 'locales', `${lang}.yml`), 'utf8')));
}

/** Folders made for this test file, removed when it ends (a full run makes hundreds). */
const made = [];
process.once('exit', () => {
  for (const dir of made) {
    // An app left running would hold the test runner's output open, and the run with it.
    killApps(dir, 'SIGKILL');
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A file an app still writes as it quits: the system's temp clean-up takes it later.
    }
  }
});

export function tempDir(name) {
  const dir = mkdtempSync(join(tmpdir(), `sala-e2e-${name}-`));
  made.push(dir);
  return dir;
}

function portOpen(port) {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function waitForPorts(ports, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await Promise.all(ports.map(portOpen));
    if (open.every(Boolean)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`ports ${ports} did not open within ${ms} ms`);
}

/** Running tauri-drivers, by WebDriver port. */
const drivers = new Map();

/** Starts tauri-driver on `port` (WebKitWebDriver on `nativePort`), and waits until both
 * listen (they start apart). A second driver on other ports drives a second app instance. */
export async function startDriver(port = 4444, nativePort = 4445) {
  if (typeof port !== 'number') [port, nativePort] = [4444, 4445]; // called as a hook
  const home = tempDir('home');
  const driver = spawn(process.env.TAURI_DRIVER || 'tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      // WebKit writes here even though the database lives elsewhere.
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_CONFIG_HOME: join(home, 'config'),
      SALA_LANG: 'en',
    },
  });
  drivers.set(port, { driver, nativePort });
  await waitForPorts([port], 15_000);
}

/** A participant's phone: WebKit's own browser (MiniBrowser, which WebKitGTK ships), driven
 * by WebKitWebDriver on `port`, in a phone-sized window. Returns the session; `phoneClose`
 * ends it and the driver. */
export async function phone(port = 4460) {
  const home = tempDir('phone');
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, XDG_DATA_HOME: join(home, 'data'), XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config') },
  });
  await waitForPorts([port], 15_000);
  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: {
      'webkitgtk:browserOptions': {
        binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    },
  });
  await browser.setWindowSize(390, 844);
  phones.set(browser, driver);
  return browser;
}

const phones = new Map();

export async function phoneClose(browser) {
  try {
    await browser.deleteSession();
  } catch {
    // Gone already.
  }
  const driver = phones.get(browser);
  if (driver) {
    const exited = new Promise((r) => driver.once('exit', r));
    driver.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  }
}

/** Stops every tauri-driver with SIGTERM: SIGKILL would orphan WebKitWebDriver on its port. */
export async function stopDriver() {
  await Promise.all(
    [...drivers.values()].map(async ({ driver }) => {
      const exited = new Promise((r) => driver.once('exit', r));
      driver.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    }),
  );
  drivers.clear();
}

/** Launches the app on a data folder and returns the WebDriver session (through the driver on
 * `port`). A session that cannot be created (seen once under heavy load: GTK could not open
 * the X display) is tried once more, with a note in the log; a second failure fails the test. */
export async function launch(dataDir, port = 4444) {
  try {
    return await launchOnce(dataDir, port);
  } catch (e) {
    console.error(`# launching the app failed once, retrying: ${e}`);
    await new Promise((r) => setTimeout(r, 1_000));
    return launchOnce(dataDir, port);
  }
}

/** The pids of apps running on `dataDir` (the whole command line, as the driver starts it). */
function appsOn(dataDir) {
  try {
    const out = execFileSync('pgrep', ['-x', '-f', `${APP} --data ${dataDir}`], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep: none
  }
}

function killApps(dataDir, signal) {
  for (const pid of appsOn(dataDir)) {
    try {
      process.kill(pid, signal);
    } catch {
      // Gone meanwhile.
    }
  }
}

/** The data folder each session's app runs on. */
const dataOf = new WeakMap();

async function launchOnce(dataDir, port) {
  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    connectionRetryCount: 0,
    connectionRetryTimeout: 60_000,
    capabilities: { 'tauri:options': { application: APP, args: ['--data', dataDir] } },
  });
  await waitForPorts([drivers.get(port)?.nativePort ?? 4445], 5_000).catch(() => {});
  dataOf.set(browser, dataDir);
  return browser;
}

/** Closes the window and ends the session, and waits for the app to exit: one that stays
 * (seen once in a CI run: the window closed, the process did not) is ended, so that the next
 * launch on its data folder and the test runner do not wait on it. */
export async function close(browser) {
  try {
    await browser.deleteSession();
  } catch {
    // The app may already be gone (killed on purpose).
  }
  const dataDir = dataOf.get(browser);
  if (!dataDir) return;
  for (const [signal, ms] of [[null, 10_000], ['SIGTERM', 5_000], ['SIGKILL', 5_000]]) {
    if (signal) {
      console.error(`# the app on ${dataDir} did not exit after its session ended: ${signal}`);
      killApps(dataDir, signal);
    }
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (appsOn(dataDir).length === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The pid of the app running on `dataDir`. */
export function appPid(dataDir) {
  const out = execFileSync('pgrep', ['-f', `${APP} --data ${dataDir}`], { encoding: 'utf8' });
  return Number(out.trim().split('\n')[0]);
}

/** Runs the `sala` CLI on a data folder. */
export function sala(dataDir, ...args) {
  return execFileSync(SALA, ['--data', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, SALA_LANG: 'en' } });
}

/** `sala --data DIR ARGS…` started and left running (a room); its standard output piped. */
export function salaSpawn(dataDir, ...args) {
  return spawn(SALA, ['--data', dataDir, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SALA_LANG: 'en' } });
}

/** `sala --data DIR ARGS…` that may fail: its exit status, standard output and error. */
export function salaRun(dataDir, ...args) {
  const r = spawnSync(SALA, ['--data', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, SALA_LANG: 'en' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Saves a screenshot of the window as `NAME.png` in `SALA_SCREENSHOTS` when that is set (for
 * looking at what a change did, at the window's 1366×768); does nothing otherwise. */
export async function shot(browser, name) {
  const dir = process.env.SALA_SCREENSHOTS;
  if (dir) await browser.saveScreenshot(join(dir, `${name}.png`));
}

export async function byTestId(browser, id) {
  const el = await browser.$(`[data-testid="${id}"]`);
  await el.waitForExist({ timeout: 10_000 });
  return el;
}

/** Waits until the status bar says the note is saved (Rust acknowledged it: it is on disk). */
export async function waitSaved(browser, lang) {
  const saved = messages(lang)['note.state.saved'];
  const state = await byTestId(browser, 'save-state');
  await browser.waitUntil(async () => (await state.getText()) === saved, {
    timeout: 5_000,
    timeoutMsg: `save state never became ${saved}`,
  });
}

/** The texts of every element with this test id, in order (one after the other: WebKitWebDriver
 * takes one command at a time). */
export async function texts(browser, testId) {
  const out = [];
  for (const el of await browser.$$(`[data-testid="${testId}"]`)) out.push(await el.getText());
  return out;
}

export async function until(browser, fn, msg, timeout = 20_000) {
  await browser.waitUntil(fn, { timeout, interval: 250, timeoutMsg: msg });
}

/** Opens Sharing and sync, sets the folder (empty: stop) and the label, saves. */
export async function share(browser, folder, label) {
  await (await byTestId(browser, 'nav-sync')).click();
  const input = await byTestId(browser, 'sync-folder');
  await input.clearValue();
  if (folder) await input.setValue(folder);
  const l = await byTestId(browser, 'sync-label');
  await l.clearValue();
  await l.setValue(label);
  await (await byTestId(browser, 'sync-save')).click();
  const msg = await byTestId(browser, 'sync-message');
  const saved = messages('en')['sync.saved'];
  await until(browser, async () => (await msg.getText()) === saved, 'settings not saved');
}

/** On Sharing and sync: joins the workshop in `shared` (the one there) and waits until joined. */
export async function joinFolder(browser, shared) {
  await (await byTestId(browser, 'nav-sync')).click();
  await (await byTestId(browser, 'join-folder')).setValue(shared);
  await (await byTestId(browser, 'join-look')).click();
  await (await byTestId(browser, 'join-workshop')).click();
  const joined = await byTestId(browser, 'sync-message');
  await until(browser, async () => (await joined.getText()).startsWith('Joined'), 'the laptop did not join');
}
