// Shared helpers for the WebDriver journeys: the real app binary, driven through
// tauri-driver (started by scripts/e2e.sh), each journey with its own data folder.
import { remote } from 'webdriverio';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(repoRoot, 'target');
export const appBinary = process.env.BANSOU_APP ?? path.join(targetDir, 'debug', 'bansou-note');
export const cliBinary = process.env.BANSOU_CLI ?? path.join(targetDir, 'debug', 'bansou');
export const artifacts = path.join(repoRoot, 'artifacts');
/** Where the app writes exports during the journeys (scripts/e2e.sh sets it). */
export const saveDir = process.env.BANSOU_TEST_SAVE_DIR ?? '';

/** Runs the headless CLI on `db` (e.g. to prepare data a journey needs). */
export function cli(db, args) {
  return execFileSync(cliBinary, ['--db', db, ...args], { encoding: 'utf8' });
}

/** A fresh database path in its own temporary folder. */
export function freshDb(name) {
  const dir = mkdtempSync(path.join(tmpdir(), `bansou-e2e-${name}-`));
  return path.join(dir, 'bansou.sqlite3');
}

/** Starts the app on `db` and waits until the page has drawn. */
export async function openApp(db) {
  const browser = await remote({
    hostname: '127.0.0.1',
    port: Number(process.env.TAURI_DRIVER_PORT ?? 4444),
    logLevel: 'warn',
    connectionRetryCount: 2,
    capabilities: {
      'tauri:options': { application: appBinary, args: ['--db', db] },
    },
  });
  await browser.setTimeout({ implicit: 0 });
  await browser.waitUntil(
    async () => (await browser.execute(() => document.body.innerText.length)) > 0,
    { timeout: 15000, timeoutMsg: 'the window did not draw' },
  );
  return browser;
}

/** Waits until no element with `id` is in the page (asked in one request, so a
 *  dialog that closes mid-way cannot leave a stale handle). */
export async function gone(browser, id, timeout = 10000) {
  await browser.waitUntil(
    async () => !(await browser.execute((sel) => !!document.querySelector(sel), `[data-testid="${id}"]`)),
    { timeout, timeoutMsg: `${id} is still there` },
  );
}

export function byId(browser, id) {
  return browser.$(`[data-testid="${id}"]`);
}

export async function click(browser, id) {
  const el = await byId(browser, id);
  await el.waitForExist({ timeout: 10000 });
  // As a user would: scroll to it first (clickable means inside the viewport).
  await browser.execute((e) => e.scrollIntoView({ block: 'center' }), el);
  await el.waitForClickable({ timeout: 10000 });
  await el.click();
}

export async function type(browser, id, text) {
  const el = await byId(browser, id);
  await el.waitForDisplayed({ timeout: 10000 });
  await el.setValue(text);
}

export async function choose(browser, id, label) {
  const el = await byId(browser, id);
  await el.waitForDisplayed({ timeout: 10000 });
  await el.selectByVisibleText(label);
}

export async function textOf(browser, id) {
  const el = await byId(browser, id);
  await el.waitForDisplayed({ timeout: 10000 });
  return el.getText();
}

export async function valueOf(browser, id) {
  return (await byId(browser, id)).getValue();
}

export async function screenshot(browser, name) {
  mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await browser.saveScreenshot(file);
  return file;
}

/** What the headless CLI sees in the same database: the ground truth of what was saved. */
export function cliProjects(db) {
  return JSON.parse(execFileSync(cliBinary, ['--db', db, 'projects', '--json'], { encoding: 'utf8' }));
}

/** From the welcome of a fresh database: start empty and register one project. */
export async function startWithProject(browser, name) {
  await click(browser, 'welcome-empty');
  await click(browser, 'empty-new-project');
  await type(browser, 'field-name', name);
  await choose(browser, 'field-prefecture', '山口県');
  await choose(browser, 'field-profession', 'PT');
  await choose(browser, 'field-theme', '腰痛予防');
  await choose(browser, 'field-target', '企業');
  await click(browser, 'save-project');
  await (await byId(browser, 'project-title')).waitForDisplayed({ timeout: 10000 });
}

/** Registers an organisation on the 関係機関・資料 page. */
export async function addStakeholder(browser, name, kind) {
  await click(browser, 'nav-stakeholders');
  await click(browser, 'org-new');
  await type(browser, 'org-name', name);
  await choose(browser, 'org-kind', kind);
  await click(browser, 'org-save');
  await browser.waitUntil(async () => {
    for (const el of await browser.$$('[data-testid="org-row-name"]')) {
      if ((await el.getText()) === name) return true;
    }
    return false;
  }, { timeout: 10000, timeoutMsg: `${name} did not appear` });
}
