// Headless-browser test of `tolk serve`, the live preview: live reload, the drift overlay
// (highlights, tooltip with a word diff, panel, toggle) and the build-error overlay.
//
//   cd tests/browser && npm ci && TOLK_BIN=/path/to/tolk node --test serve.test.mjs
//
// TOLK_BIN defaults to ../../target/debug/tolk (relative to this file); when it does not exist
// the whole suite is skipped with a message. SITE_SRC (default: the repository root) holds
// tolk.toml, content/, locales/ and templates/; they are copied into a fresh temporary
// directory, which the test edits (atomic saves) while the server watches it.
// CHROMIUM (default /usr/bin/chromium) names another Chromium binary.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { watch as watchPage } from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TOLK_BIN = path.resolve(HERE, process.env.TOLK_BIN || path.join('..', '..', 'target', 'debug', 'tolk'));
const SITE_SRC = path.resolve(HERE, process.env.SITE_SRC || path.join('..', '..'));
const SCREENSHOT_DIR = path.join(HERE, 'screenshots');
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const PAGE = '/hu/technical-support-benefits/';
const FTL = path.join('locales', 'hu', 'technical-support-benefits.ftl');
const TITLE_OLD = 'overview--title = Áttekintés\n';
const TITLE_NEW = 'overview--title = Áttekintés (frissítve)\n';
const STALE_ID = 'how-many-partner-support-incidents-are-remaining--step-1';
const FALLBACK_ID = 'technical-support-benefits--p-1';
const BROKEN_LINE = 'broken = { $open\n';
const ARTICLE_TITLE_OLD = 'technical-support-benefits--title = Műszaki támogatási előnyök\n';
const ARTICLE_TITLE_NEW = 'technical-support-benefits--title = Műszaki támogatási előnyök (új cím)\n';
const RELOAD_TIMEOUT = 10_000;

const SKIP = existsSync(TOLK_BIN)
  ? false
  : `TOLK_BIN ${TOLK_BIN} does not exist: build tolk (cargo build) or set TOLK_BIN to a tolk binary`;

// ---------------------------------------------------------------------------------------------
// Helpers.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Calls `fn` until it returns a truthy value (errors count as "not yet", e.g. while the page
// navigates); fails with `message` and the last value or error after `timeout` ms.
async function poll(fn, message, timeout = RELOAD_TIMEOUT, interval = 100) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      assert.fail(`${message} (after ${timeout} ms; last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    }
    await sleep(interval);
  }
}

// An editor's atomic save: a temporary file in the same directory, renamed over the target.
function atomicWrite(file, text) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

// Records console errors, uncaught exceptions, failed and non-2xx requests of a page
// (harness.mjs). Ignored, because they are how the preview works rather than faults: the
// live-reload stream (/__tolk/events never ends) is aborted whenever the page reloads or closes.
const watch = (page) => watchPage(page, (req, error) =>
  new URL(req.url()).pathname === '/__tolk/events' && error === 'net::ERR_ABORTED');

// ---------------------------------------------------------------------------------------------

describe('tolk serve (live preview)', { skip: SKIP }, () => {
  let site;
  let server;
  let serverLog = '';
  let origin;
  let browser;
  let context;
  let ftlPath;
  let ftlOriginal;

  before(async () => {
    for (const name of ['tolk.toml', 'content', 'locales', 'templates']) {
      assert.ok(existsSync(path.join(SITE_SRC, name)), `SITE_SRC ${SITE_SRC} has no ${name}`);
    }
    site = mkdtempSync(path.join(os.tmpdir(), 'tolk-serve-test-'));
    for (const name of ['tolk.toml', 'content', 'locales', 'templates']) {
      cpSync(path.join(SITE_SRC, name), path.join(site, name), { recursive: true });
    }
    ftlPath = path.join(site, FTL);
    ftlOriginal = readFileSync(ftlPath, 'utf8');
    assert.ok(ftlOriginal.includes(TITLE_OLD), `${FTL} has the line ${JSON.stringify(TITLE_OLD)}`);

    server = spawn(TOLK_BIN, ['--site', site, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout.setEncoding('utf8');
    server.stderr.setEncoding('utf8');
    server.stderr.on('data', (chunk) => { serverLog += chunk; });
    origin = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`tolk serve printed no URL within 60 s; stdout: ${out}; stderr: ${serverLog}`)), 60_000);
      const onData = (chunk) => {
        out += chunk;
        serverLog += chunk;
        const newline = out.indexOf('\n');
        if (newline < 0) return;
        clearTimeout(timer);
        const m = /^tolk serve: serving (http:\/\/\S+?)\/?$/.exec(out.slice(0, newline));
        if (m) resolve(m[1]);
        else reject(new Error(`unexpected first stdout line of tolk serve: ${JSON.stringify(out.slice(0, newline))}`));
      };
      server.stdout.on('data', onData);
      server.once('error', (err) => { clearTimeout(timer); reject(err); });
      server.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`tolk serve exited (code ${code}, signal ${signal}) before serving; output: ${serverLog}`));
      });
    });
    server.stdout.on('data', (chunk) => { serverLog += chunk; });

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    // Nothing but the preview server is reachable (its own requests are not intercepted, so
    // the live-reload stream is untouched).
    await context.route((url) => !url.href.startsWith(origin + '/'), (route) => route.abort('blockedbyclient'));
    // Lets the test see when the page's live-reload EventSource is connected.
    await context.addInitScript(() => {
      const Native = window.EventSource;
      window.__tolkTestSources = [];
      window.EventSource = class extends Native {
        constructor(...args) {
          super(...args);
          window.__tolkTestSources.push(this);
        }
      };
    });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (site) rmSync(site, { recursive: true, force: true });
  });

  // Opens PAGE and waits until the live-reload stream is connected and the overlay has run.
  async function open() {
    const page = await context.newPage();
    const problems = watch(page);
    // Navigations of the page (counted at commit): the test itself navigates only once, here.
    let loads = 0;
    page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) loads += 1; });
    const response = await page.goto(origin + PAGE, { waitUntil: 'load' });
    assert.equal(response.status(), 200, `status of ${PAGE}`);
    await connected(page);
    return { page, problems, loads: () => loads };
  }

  async function connected(page) {
    await page.waitForFunction(
      () => (window.__tolkTestSources || []).some((s) => s.readyState === 1 && new URL(s.url).pathname === '/__tolk/events'),
      null, { timeout: RELOAD_TIMEOUT });
    await page.locator('#tolk-panel').waitFor({ state: 'attached', timeout: RELOAD_TIMEOUT });
  }

  const overviewText = (page) => page.locator('h2#overview').textContent({ timeout: 1000 });

  test('live reload: an atomic save of a translation updates the open page by itself', async () => {
    const { page, problems, loads } = await open();
    try {
      assert.equal((await overviewText(page)).trim(), 'Áttekintés');
      const before = loads();
      atomicWrite(ftlPath, readFileSync(ftlPath, 'utf8').replace(TITLE_OLD, TITLE_NEW));
      await poll(async () => (await overviewText(page)).trim() === 'Áttekintés (frissítve)',
        'h2#overview shows "Áttekintés (frissítve)" without the test reloading the page');
      assert.ok(loads() > before, 'the page reloaded itself');
      await connected(page);
      assert.deepEqual(problems, [], 'problems on the page');
    } finally {
      await page.close();
    }
  });

  test('drift: stale and fallback strings are highlighted, with tooltip, panel and toggle', async () => {
    const { page, problems } = await open();
    try {
      const stale = page.locator(`span.tolk-msg[data-message="${STALE_ID}"]`);
      assert.equal(await stale.count(), 1, `one span for ${STALE_ID}`);
      await poll(() => stale.evaluate((e) => e.classList.contains('tolk-drift-stale')),
        `${STALE_ID} gets class tolk-drift-stale`, 5000);

      const fallback = page.locator(`span.tolk-msg[data-message="${FALLBACK_ID}"]`);
      assert.equal(await fallback.count(), 1, `one span for ${FALLBACK_ID}`);
      assert.ok(await fallback.evaluate((e) => e.classList.contains('tolk-drift-fallback')),
        `${FALLBACK_ID} (shown in English) gets class tolk-drift-fallback; has "${await fallback.getAttribute('class')}"`);

      // The panel lists the page's findings, among them the stale string.
      const items = await page.locator('#tolk-panel li').allTextContents();
      assert.ok(items.length > 0, '#tolk-panel lists findings');
      const heading = await page.locator('#tolk-panel summary strong').textContent();
      assert.match(heading, new RegExp(`^${items.length} findings? on this page$`), 'panel heading counts the findings');
      assert.ok(items.some((t) => t.includes('stale-translation') && t.includes(STALE_ID)),
        `panel lists stale-translation of ${STALE_ID}:\n${items.join('\n')}`);
      assert.ok(items.some((t) => t.includes(FALLBACK_ID)), `panel lists ${FALLBACK_ID}`);

      // Hovering the stale string shows the tooltip with the English now and a word diff.
      const tooltip = page.locator('#tolk-tooltip');
      assert.ok(await tooltip.isHidden(), 'tooltip hidden before hovering');
      await stale.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await stale.hover();
      await tooltip.waitFor({ state: 'visible', timeout: 5000 });
      const tip = await tooltip.textContent();
      assert.ok(tip.includes(STALE_ID), `tooltip names ${STALE_ID}: ${tip}`);
      assert.ok(tip.includes('English now: Step 1 Open Support for Business'), `tooltip shows the English now, its link rendered: ${tip}`);
      assert.equal(await tooltip.locator('a[href="https://support.serviceshub.microsoft.com/supportforbusiness/create"]').count() > 0, true,
        'the English link is a link in the tooltip');
      const ins = await tooltip.locator('ins').allTextContents();
      const del = await tooltip.locator('del').allTextContents();
      assert.ok(ins.length > 0, `tooltip diff has an <ins>: ${await tooltip.innerHTML()}`);
      assert.ok(ins.some((t) => t.includes('Open [Support for Business]')), `<ins> holds the added English: ${ins}`);
      assert.ok(del.some((t) => t.includes('Select')), `<del> holds the removed English: ${del}`);
      const colors = await tooltip.evaluate((t) => ({
        ins: getComputedStyle(t.querySelector('ins')).color,
        del: getComputedStyle(t.querySelector('del')).color,
      }));
      assert.notEqual(colors.ins, colors.del, 'added and removed words are coloured differently');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'serve-drift.png') });

      // Leaving hides it; the toggle switches the highlights off.
      await page.mouse.move(0, 0);
      await tooltip.waitFor({ state: 'hidden', timeout: 5000 });
      const highlighted = await stale.evaluate((e) => getComputedStyle(e).backgroundColor);
      assert.notEqual(highlighted, 'rgba(0, 0, 0, 0)', 'stale string has a background');
      await page.click('#tolk-toggle');
      assert.ok(await page.evaluate(() => document.body.classList.contains('tolk-drift-off')), 'body gets tolk-drift-off');
      assert.equal(await stale.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgba(0, 0, 0, 0)',
        'no highlight with drift off');
      assert.equal((await page.locator('#tolk-toggle').textContent()).trim(), 'Show drift');
      assert.deepEqual(problems, [], 'problems on the page');
    } finally {
      await page.close();
    }
  });

  test('drift overlay: every finding highlighted, listed by severity, reachable by keyboard and from the panel, never over the page', async () => {
    const { page, problems } = await open();
    try {
      const drift = await page.evaluate(async (p) => (await fetch(`/__tolk/drift?page=${p}`)).json(), PAGE.replace(/^\/|\/$/g, ''));
      const withFindings = Object.keys(drift.messages).filter((id) => drift.messages[id].notes.length || drift.messages[id].fallback);
      const onPage = await page.$$eval('span.tolk-msg[data-message]', (spans) => [...new Set(spans.map((s) => s.getAttribute('data-message')))]);
      const expected = withFindings.filter((id) => onPage.includes(id)).sort();
      assert.ok(expected.length >= 3, `the page has strings with findings: ${expected}`);
      const rules = new Set(expected.flatMap((id) => drift.messages[id].notes.map((n) => n.rule)));
      assert.ok(rules.size >= 2, `findings of several rules, not only stale and fallback: ${[...rules]}`);
      const highlighted = await page.$$eval('span.tolk-drift', (spans) => [...new Set(spans.map((s) => s.getAttribute('data-message')))].sort());
      assert.deepEqual(highlighted, expected, 'every string with a finding is highlighted');

      // The panel: sorted by severity, the id not printed twice, each item leads to its text.
      const severities = await page.$$eval('#tolk-panel li .tolk-badge', (b) => b.map((x) => x.textContent));
      const rank = { error: 0, warning: 1, info: 2 };
      assert.deepEqual(severities, [...severities].sort((a, b) => rank[a] - rank[b]), 'errors first, then warnings, then info');
      for (const text of await page.locator('#tolk-panel li').allTextContents()) {
        const id = text.match(/`([^`]+)`/)?.[1];
        if (id) assert.equal(text.split(id).length - 1, 1, `the id once: ${text}`);
      }
      const item = page.locator(`#tolk-panel li a[data-message="${STALE_ID}"]`).first();
      await item.click();
      await page.waitForFunction((id) => document.activeElement?.getAttribute('data-message') === id, STALE_ID, { timeout: 5000 });
      const tooltip = page.locator('#tolk-tooltip');
      await tooltip.waitFor({ state: 'visible', timeout: 5000 });
      assert.ok((await tooltip.textContent()).includes(STALE_ID), 'focusing the text shows its tooltip');
      await page.keyboard.press('Escape');
      await tooltip.waitFor({ state: 'hidden', timeout: 5000 });

      // Tab reaches highlighted strings; focus shows the tooltip.
      await page.focus('#search-input');
      let reached = null;
      for (let i = 0; i < 60 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.classList.contains('tolk-drift') ? document.activeElement.getAttribute('data-message') : null);
      }
      assert.ok(reached, 'Tab reaches a highlighted string');
      await tooltip.waitFor({ state: 'visible', timeout: 5000 });

      // Never over the page: beside it on a wide screen, above it on a phone.
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: 844 });
        const box = await page.evaluate(() => {
          const r = (el) => el.getBoundingClientRect();
          const panel = r(document.getElementById('tolk-panel'));
          const main = r(document.querySelector('main'));
          const header = r(document.querySelector('.site-header'));
          return { panel: { left: panel.left, right: panel.right, bottom: panel.bottom + scrollY },
            main: { left: main.left, right: main.right, top: main.top + scrollY }, header: { right: header.right, top: header.top + scrollY },
            scrollWidth: document.documentElement.scrollWidth, width: innerWidth };
        });
        assert.ok(box.scrollWidth <= box.width, `${width}px: no horizontal scroll (${box.scrollWidth})`);
        if (width === 1366) {
          assert.ok(box.main.right <= box.panel.left && box.header.right <= box.panel.left, `${width}px: the panel is beside the page: ${JSON.stringify(box)}`);
        } else {
          assert.ok(box.panel.bottom <= box.header.top + 1, `${width}px: the panel is above the page: ${JSON.stringify(box)}`);
        }
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `serve-drift-${width}.png`) });
      }
      assert.deepEqual(problems, [], 'problems on the page');
    } finally {
      await page.close();
    }
  });

  test('live reload: the locale home reloads with a new title; pages the edit does not touch stay', async () => {
    const home = await context.newPage();
    const english = await context.newPage();
    const problems = [...watch(home), ...watch(english)];
    let homeLoads = 0;
    let englishLoads = 0;
    home.on('framenavigated', (f) => { if (f === home.mainFrame()) homeLoads += 1; });
    english.on('framenavigated', (f) => { if (f === english.mainFrame()) englishLoads += 1; });
    const stream = (page) => page.waitForFunction(
      () => (window.__tolkTestSources || []).some((s) => s.readyState === 1), null, { timeout: RELOAD_TIMEOUT });
    try {
      await home.goto(origin + '/hu/', { waitUntil: 'load' });
      await english.goto(origin + '/en/technical-support-benefits/', { waitUntil: 'load' });
      await stream(home);
      await stream(english);
      const listed = () => home.locator('main').textContent({ timeout: 1000 });
      const first = await listed();
      assert.ok(first.includes('Műszaki támogatási előnyök'), `the Hungarian home lists the article: ${first}`);
      const [homeBefore, englishBefore] = [homeLoads, englishLoads];
      const text = readFileSync(ftlPath, 'utf8');
      assert.ok(text.includes(ARTICLE_TITLE_OLD), `${FTL} has ${ARTICLE_TITLE_OLD}`);
      atomicWrite(ftlPath, text.replace(ARTICLE_TITLE_OLD, ARTICLE_TITLE_NEW));
      try {
        await poll(async () => (await listed()).includes('(új cím)'), 'the Hungarian home lists the new title by itself');
        assert.ok(homeLoads > homeBefore, 'the home page reloaded itself');
        await sleep(500); // both events of the rebuild have arrived by now
        assert.equal(englishLoads, englishBefore, 'the English article page, which the edit does not change, did not reload');
      } finally {
        atomicWrite(ftlPath, text);
      }
      assert.deepEqual(problems, [], 'problems on the pages');
    } finally {
      await home.close();
      await english.close();
    }
  });

  test('error overlay: a Fluent syntax error is shown over the last good page until fixed', async () => {
    const { page, problems, loads } = await open();
    try {
      assert.equal(await page.locator('#tolk-error').count(), 0, 'no error overlay while the build is good');
      const good = readFileSync(ftlPath, 'utf8');
      const error = page.locator('#tolk-error');
      // The overlay is drawn from /__tolk/status, which the reloaded page fetches once.
      const nextStatus = () => page.waitForResponse((r) => new URL(r.url()).pathname === '/__tolk/status',
        { timeout: RELOAD_TIMEOUT });

      let before = loads();
      let status = nextStatus();
      atomicWrite(ftlPath, good + (good.endsWith('\n') ? '' : '\n') + BROKEN_LINE);
      const failed = await (await status).json();
      assert.ok(loads() > before, 'the page reloaded itself after the failed rebuild');
      assert.ok(failed.error, `/__tolk/status reports the error: ${JSON.stringify(failed)}`);
      await error.waitFor({ state: 'visible', timeout: 5000 });
      const text = await error.textContent();
      assert.ok(text.includes(`${FTL.split(path.sep).join('/')}:`), `#tolk-error names the file and line: ${text}`);
      assert.ok((await page.locator('article').textContent()).includes('Áttekintés'),
        'the last good article is still on the page under the overlay');
      await connected(page);

      before = loads();
      status = nextStatus();
      atomicWrite(ftlPath, good);
      const fixed = await (await status).json();
      assert.ok(loads() > before, 'the page reloaded itself after the fixed rebuild');
      assert.equal(fixed.error, null, '/__tolk/status reports no error once fixed');
      await connected(page);
      await sleep(300); // the overlay would be added right after the status response
      assert.equal(await error.count(), 0, '#tolk-error is gone after the automatic reload');
      assert.ok((await page.locator('article').textContent()).includes('Áttekintés'), 'the article is shown');
      assert.deepEqual(problems, [], 'problems on the page');
    } finally {
      await page.close();
    }
  });
});
