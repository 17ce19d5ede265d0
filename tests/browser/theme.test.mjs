// Headless-browser test of the default theme as readers see it, on every page of each built
// site, at a desktop (1366 px) and a phone (390 px) width: no horizontal overflow, axe-core
// (light at 1366, dark at 390), print styles, dark mode and its toggle, the folding page list,
// heading links, previous/next within the locale, code blocks, search by keyboard, and the
// untranslated-page policy. Screenshots of one article per locale at both widths are written
// to screenshots/ (artifacts, not committed).
//
//   cd tests/browser && npm ci && THEME_SITES=/built/site1:/built/site2 node --test theme.test.mjs
//
// THEME_SITES (default: SITE_DIR, else ../../public) is a colon-separated list of built sites.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatViolations, runAxe, start, watch } from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SITES = (process.env.THEME_SITES || process.env.SITE_DIR || path.join(HERE, '..', '..', 'public'))
  .split(':').filter(Boolean).map((d) => path.resolve(d));
const SCREENSHOT_DIR = path.join(HERE, 'screenshots');
const WIDTHS = [1366, 390];

// Every HTML page of a built site (by URL path), and its locales (directories with a home).
function pagesOf(dir) {
  const locales = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'search-index.json')))
    .map((e) => e.name)
    .sort();
  const articles = Object.fromEntries(locales.map((l) => [l, readdirSync(path.join(dir, l), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, l, e.name, 'index.html')))
    .map((e) => e.name)
    .sort()]));
  const urls = ['/', ...locales.map((l) => `/${l}/`), ...locales.flatMap((l) => articles[l].map((a) => `/${l}/${a}/`))];
  return { locales, articles, urls };
}

for (const dir of SITES) {
  const name = path.basename(dir);
  describe(`theme on ${name}`, { skip: !existsSync(path.join(dir, 'index.html')) && `${dir} holds no built site` }, () => {
    const { locales, articles, urls } = existsSync(path.join(dir, 'index.html')) ? pagesOf(dir) : { locales: [], articles: {}, urls: [] };
    const source = locales.includes('en') ? 'en' : locales[0];
    const sample = articles[source]?.[0];
    let origin;
    let context;
    let stop;

    before(async () => {
      ({ origin, context, close: stop } = await start(dir));
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
    });
    after(async () => { await stop?.(); });

    async function open(url, width, scheme = 'light') {
      const page = await context.newPage();
      const problems = watch(page);
      await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
      await page.emulateMedia({ colorScheme: scheme, media: 'screen' });
      const response = await page.goto(origin + url, { waitUntil: 'load' });
      assert.equal(response.status(), 200, url);
      return { page, problems };
    }

    // The widest element that sticks out of the page, for the failure message.
    const overflow = (page) => page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const out = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest('pre, table'))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)})`);
      return { scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5) };
    });

    for (const width of WIDTHS) {
      test(`${width} px: every page fits, passes axe (${width > 800 ? 'light' : 'dark'}), and loads cleanly`, async () => {
        const scheme = width > 800 ? 'light' : 'dark';
        for (const url of urls) {
          const { page, problems } = await open(url, width, scheme);
          try {
            const o = await overflow(page);
            assert.ok(o.scroll <= o.width, `${url} at ${width} px is ${o.scroll} px wide: ${o.out.join(', ')}`);
            const violations = await runAxe(page);
            assert.equal(violations.length, 0, `axe (${scheme}) on ${url} at ${width} px:\n${formatViolations(violations)}`);
            assert.deepEqual([...new Set(problems)], [], `problems on ${url}`);
          } finally {
            await page.close();
          }
        }
      });
    }

    test('320 px: the narrowest phone still fits every article', async () => {
      for (const url of urls.filter((u) => u.split('/').length === 4)) {
        const { page } = await open(url, 320);
        try {
          const o = await overflow(page);
          assert.ok(o.scroll <= o.width, `${url} at 320 px is ${o.scroll} px wide: ${o.out.join(', ')}`);
        } finally {
          await page.close();
        }
      }
    });

    test('screenshots of an article in every locale at both widths', async () => {
      for (const locale of locales) {
        const article = articles[locale].includes('technical-support-benefits') ? 'technical-support-benefits' : articles[locale][0];
        for (const width of WIDTHS) {
          const { page } = await open(`/${locale}/${article}/`, width);
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `theme-${name}-${locale}-${article}-${width}.png`), fullPage: true });
          await page.close();
        }
      }
    });

    test('the page list folds on phones, is open beside the article on desktops, and marks the section read', async () => {
      const url = `/${source}/${sample}/`;
      const phone = await open(url, 390);
      assert.equal(await phone.page.$eval('.toc details', (d) => d.open), false, 'folded at 390 px');
      const title = await phone.page.$eval('article h1', (h) => h.getBoundingClientRect().top);
      assert.ok(title < 500, `the title starts high on a phone (${title} px)`);
      await phone.page.click('.toc summary');
      assert.equal(await phone.page.$eval('.toc details', (d) => d.open), true, 'opens on a tap');
      await phone.page.close();
      const { page } = await open(url, 1366);
      try {
        assert.equal(await page.$eval('.toc details', (d) => d.open), true, 'open at 1366 px');
        const boxes = await page.evaluate(() => ({ toc: document.querySelector('.toc').getBoundingClientRect().left, main: document.querySelector('main').getBoundingClientRect().right }));
        assert.ok(boxes.toc >= boxes.main, `beside the article: ${JSON.stringify(boxes)}`);
        const last = await page.$$eval('.toc a', (as) => as.map((a) => a.getAttribute('href')).pop());
        await page.evaluate((id) => document.getElementById(decodeURIComponent(id.slice(1))).scrollIntoView({ block: 'start' }), last);
        await page.waitForFunction((href) => document.querySelector(`.toc a[href="${href}"]`)?.getAttribute('aria-current') === 'true', last, { timeout: 3000 });
        assert.equal(await page.$$eval('.toc a[aria-current]', (as) => as.length), 1, 'one current section');
        // Every heading with an id has a link to itself.
        const anchors = await page.$$eval('article :is(h2, h3)[id]', (hs) => hs.map((h) => h.querySelector('a.heading-anchor')?.getAttribute('href') === `#${h.id}`));
        assert.ok(anchors.length > 0 && anchors.every(Boolean), 'heading links');
      } finally {
        await page.close();
      }
    });

    test('dark mode: the system setting, and a toggle that is remembered', async () => {
      const url = `/${source}/${sample}/`;
      const { page } = await open(url, 1366, 'dark');
      try {
        const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const dark = await bg();
        assert.equal(await page.getAttribute('.theme-toggle', 'aria-pressed'), 'true', 'the toggle shows dark');
        await page.click('.theme-toggle');
        assert.equal(await page.getAttribute('.theme-toggle', 'aria-pressed'), 'false');
        const light = await bg();
        assert.notEqual(dark, light, 'the toggle switches the colours');
        await page.reload({ waitUntil: 'load' });
        assert.equal(await bg(), light, 'the choice is remembered');
        assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
      } finally {
        await page.close();
      }
    });

    test('print: the article alone, nothing cut off', async () => {
      const { page } = await open(`/${source}/${sample}/`, 1366);
      try {
        await page.emulateMedia({ media: 'print' });
        const shown = await page.evaluate(() => Object.fromEntries(['.header-tools', '.languages', '.toc', '.pager', 'article']
          .map((s) => [s, !!document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none'])));
        assert.deepEqual(shown, { '.header-tools': false, '.languages': false, '.toc': false, '.pager': false, article: true }, JSON.stringify(shown));
        const o = await overflow(page);
        assert.ok(o.scroll <= o.width, `print is ${o.scroll} px wide: ${o.out.join(', ')}`);
        const pdf = await page.pdf({ format: 'A4' });
        assert.ok(pdf.length > 1000, 'prints');
      } finally {
        await page.close();
      }
    });

    test('previous and next stay in the locale, and Home leads to the locale home', async () => {
      for (const locale of locales) {
        const list = articles[locale];
        const { page } = await open(`/${locale}/${list[0]}/`, 1366);
        try {
          const near = await page.$$eval('.pager a', (as) => as.map((a) => new URL(a.href).pathname));
          if (list.length > 1) assert.ok(near.length > 0, `${locale}/${list[0]} has a previous or next page`);
          for (const p of near) {
            assert.ok(p.startsWith(`/${locale}/`) && list.includes(p.split('/')[2]) && p !== `/${locale}/${list[0]}/`, `${p} is another article of ${locale}`);
          }
          assert.equal(await page.$eval('a.site-title', (a) => new URL(a.href).pathname), `/${locale}/`);
          assert.equal(await page.$eval('.breadcrumbs a', (a) => new URL(a.href).pathname), `/${locale}/`);
          assert.ok(await page.$('meta[property="og:title"]'), 'Open Graph title');
          assert.ok((await page.getAttribute('meta[name="description"]', 'content')).length > 20, 'a description');
          assert.ok(await page.$('link[rel="icon"]'), 'a favicon (no request for /favicon.ico)');
        } finally {
          await page.close();
        }
      }
    });

    test('code blocks scroll inside, keep their language and have a copy button', async (t) => {
      const withCode = urls.find((u) => readFileSync(path.join(dir, u, 'index.html'), 'utf8').includes('<pre>'));
      if (!withCode) { t.skip('no page with a code block'); return; }
      for (const width of WIDTHS) {
        const { page } = await open(withCode, width);
        try {
          const code = await page.$eval('article pre', (pre) => ({
            overflow: getComputedStyle(pre).overflowX,
            fits: pre.getBoundingClientRect().right <= document.documentElement.clientWidth,
            language: pre.previousElementSibling?.querySelector('.code-language')?.textContent,
            copy: !!pre.previousElementSibling?.querySelector('button.copy-code'),
          }));
          assert.deepEqual(code, { overflow: 'auto', fits: true, language: 'bash', copy: true }, `${withCode} at ${width}`);
        } finally {
          await page.close();
        }
      }
    });

    test('search by keyboard: sections with snippets, arrow keys, Enter, Escape', async () => {
      const { page, problems } = await open(`/${source}/${sample}/`, 390);
      try {
        const input = page.locator('#search-input');
        const word = await page.evaluate(() => [...document.querySelectorAll('article h2')].map((h) => h.textContent.trim().split(/\s+/).find((w) => w.length > 5)).find(Boolean));
        assert.ok(word, 'a word from a heading');
        await input.focus();
        await input.pressSequentially(word.slice(0, 5).toLowerCase());
        await page.locator('#search-results li[role="option"]').first().waitFor({ state: 'visible', timeout: 5000 });
        assert.equal(await input.getAttribute('aria-expanded'), 'true');
        const results = await page.$$eval('#search-results li[role="option"]', (lis) => lis.map((li) => ({
          href: li.querySelector('a').getAttribute('href'),
          section: li.querySelector('.result-section')?.textContent || '',
          snippet: li.querySelector('.result-snippet')?.textContent || '',
          marks: li.querySelectorAll('mark').length,
        })));
        assert.ok(results.some((r) => r.href.includes('#') && r.section), `a section hit: ${JSON.stringify(results.slice(0, 3))}`);
        assert.ok(results.some((r) => r.snippet.length > 20), 'snippets');
        assert.ok(results.filter((r) => r.marks > 0).length >= Math.ceil(results.length / 2), `the query marked in the results: ${JSON.stringify(results)}`);
        const box = await page.$eval('#search-results', (l) => l.getBoundingClientRect());
        assert.ok(box.left >= 0 && box.right <= 390, `the results fit the phone: ${JSON.stringify(box)}`);
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        const chosen = await page.$eval('#search-results li[aria-selected="true"] a', (a) => a.href);
        assert.equal(await input.getAttribute('aria-activedescendant'), 'search-result-1');
        await page.keyboard.press('ArrowUp');
        assert.equal(await input.getAttribute('aria-activedescendant'), 'search-result-0');
        await page.keyboard.press('Escape');
        assert.ok(await page.locator('#search-results').isHidden(), 'Escape closes');
        // (Escape also empties a search field.)
        await input.fill('');
        await input.pressSequentially(word.slice(0, 5).toLowerCase());
        await page.locator('#search-results li[role="option"]').first().waitFor({ state: 'visible', timeout: 5000 });
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await page.waitForURL((u) => u.href === chosen, { timeout: 5000, waitUntil: 'commit' });
        assert.deepEqual([...new Set(problems)], []);
        // Focus leaving the search closes the list.
        await page.goto(origin + `/${source}/${sample}/`, { waitUntil: 'load' });
        await input.fill('');
        await input.pressSequentially(word.slice(0, 5).toLowerCase());
        await page.locator('#search-results li[role="option"]').first().waitFor({ state: 'visible', timeout: 5000 });
        await page.keyboard.press('Shift+Tab');
        await page.locator('#search-results').waitFor({ state: 'hidden', timeout: 2000 });
      } finally {
        await page.close();
      }
    });

    test('untranslated pages: said once, in the locale, linking the English page; noindex; English in the switcher', async (t) => {
      const untranslated = urls.filter((u) => u.split('/').length === 4
        && readFileSync(path.join(dir, u, 'index.html'), 'utf8').includes('tolk-untranslated-notice'));
      if (!untranslated.length) { t.skip('every page is published'); return; }
      for (const url of untranslated) {
        const [, locale, article] = url.split('/');
        const { page } = await open(url, 390);
        try {
          const facts = await page.evaluate(() => ({
            notices: document.querySelectorAll('[role="note"]').length,
            noticeLang: document.querySelector('.tolk-untranslated-notice').getAttribute('lang'),
            link: new URL(document.querySelector('.tolk-untranslated-notice a').href).pathname,
            robots: document.querySelector('meta[name="robots"]')?.content,
            alternates: document.querySelectorAll('link[rel="alternate"][hreflang]').length,
            fallbackMarks: document.querySelectorAll('article .tolk-fallback').length,
            lang: document.documentElement.lang,
          }));
          assert.deepEqual(facts, { notices: 1, noticeLang: locale, link: `/${source}/${article}/`, robots: 'noindex', alternates: 0, fallbackMarks: 0, lang: source }, url);
        } finally {
          await page.close();
        }
        // The other locales' switchers call it English.
        const { page: other } = await open(`/${source}/${article}/`, 1366);
        const link = await other.$eval(`nav.languages a[data-locale="${locale}"]`, (a) => ({ hreflang: a.hreflang, note: a.nextElementSibling?.textContent }));
        assert.equal(link.hreflang, source);
        assert.ok(link.note && !link.note.includes('%'), `shown as English, not as a percentage: ${link.note}`);
        await other.close();
      }
    });
  });
}
