// Headless-browser test of a site built by `tolk build`.
//
//   cd tests/browser && npm ci && SITE_DIR=/path/to/built/site node --test
//
// SITE_DIR defaults to ../../public (the repository's build output). The test serves the directory
// itself on 127.0.0.1 (random port), drives the system Chromium through playwright-core (no browser
// download), and blocks every request that does not go to that server.
//
// CHROMIUM (default /usr/bin/chromium) names another Chromium binary.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatViolations, openPage as openPageIn, runAxe, start } from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SITE_DIR = path.resolve(process.env.SITE_DIR || path.join(HERE, '..', '..', 'public'));
const SCREENSHOT_DIR = path.join(HERE, 'screenshots');
const LOCALES = ['en', 'nl', 'de', 'hu'];
const SOURCE_LOCALE = 'en';
// Locales whose partially translated article must show English fallback text.
const FALLBACK_CHECKS = [
  { locale: 'de', article: 'technical-support-benefits' },
  { locale: 'hu', article: 'technical-support-benefits' },
];
// Pages below the shipped `[publish] min-translated`: English text under the locale's interface.
const UNTRANSLATED = [
  { locale: 'de', article: 'manage-partner-network-benefits' },
  { locale: 'hu', article: 'manage-partner-network-benefits' },
];
const ENTITLEMENT_ARTICLE = 'technical-support-benefits';
const ENTITLEMENT_NUMBERS = [10, 15, 20];
const SEARCH = { locale: 'en', article: 'technical-support-benefits', word: 'incidents' };

// ---------------------------------------------------------------------------------------------
// Site discovery (from the tree, not a list).

assert.ok(existsSync(path.join(SITE_DIR, 'index.html')),
  `SITE_DIR ${SITE_DIR} holds no index.html: build the site first (tolk build --out DIR) and set SITE_DIR`);

function articlesOf(locale) {
  const dir = path.join(SITE_DIR, locale);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'index.html')))
    .map((e) => e.name)
    .sort();
}

const ARTICLES = Object.fromEntries(LOCALES.map((l) => [l, articlesOf(l)]));
const ALL_ARTICLES = [...new Set(Object.values(ARTICLES).flat())].sort();
const articleUrl = (locale, article) => `/${locale}/${article}/`;

// ---------------------------------------------------------------------------------------------
// Shared browser state (server, Chromium, watchers and axe-core: harness.mjs).

let origin;
let context;
let stop;
const facts = new Map(); // "locale/article" -> facts collected on that page

before(async () => {
  ({ origin, context, close: stop } = await start(SITE_DIR));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

after(async () => {
  await stop?.();
});

const openPage = (urlPath) => openPageIn(context, origin, urlPath);

const normalize = (s) => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------
// Tests.

describe('site tree', () => {
  test('every locale has the same articles as the source locale', () => {
    assert.ok(ARTICLES[SOURCE_LOCALE].length > 0, `no articles under ${SITE_DIR}/${SOURCE_LOCALE}`);
    for (const locale of LOCALES) {
      assert.deepEqual(ARTICLES[locale], ARTICLES[SOURCE_LOCALE], `articles of ${locale}`);
    }
    assert.ok(ALL_ARTICLES.includes(ENTITLEMENT_ARTICLE), `${ENTITLEMENT_ARTICLE} is not in the site`);
  });

  test('unknown paths get 404.html with status 404', async () => {
    const { page, response } = await openPage('/no/such/page/');
    try {
      assert.equal(response.status(), 404);
      assert.ok((await page.locator('main h1').count()) > 0, '404 page has a heading');
    } finally {
      await page.close();
    }
  });
});

describe('landing pages', () => {
  for (const urlPath of ['/', ...LOCALES.map((l) => `/${l}/`)]) {
    test(`${urlPath} loads cleanly and passes axe`, async () => {
      const { page, problems, response } = await openPage(urlPath);
      try {
        assert.equal(response.status(), 200);
        const locale = urlPath.split('/')[1];
        if (locale) {
          assert.equal(await page.getAttribute('html', 'lang'), locale);
          const listed = await page.$$eval('main ul.articles a', (as) => as.map((a) => new URL(a.href).pathname));
          assert.deepEqual(listed.sort(), ARTICLES[locale].map((a) => articleUrl(locale, a)).sort(),
            `article list on ${urlPath}`);
        }
        const violations = await runAxe(page);
        assert.deepEqual(problems, [], `problems on ${urlPath}`);
        assert.equal(violations.length, 0, `axe violations on ${urlPath}:\n${formatViolations(violations)}`);
      } finally {
        await page.close();
      }
    });
  }
});

describe('articles', () => {
  for (const article of ALL_ARTICLES) {
    for (const locale of LOCALES) {
      const key = `${locale}/${article}`;
      test(key, async (t) => {
        const { page, problems, response } = await openPage(articleUrl(locale, article));
        try {
          assert.equal(response.status(), 200, `status of ${key}`);
          await page.evaluate(() => document.fonts.ready);

          const f = await page.evaluate(() => {
            const article = document.querySelector('article');
            const table = article?.querySelector('table');
            const switcher = [...document.querySelectorAll('nav.languages a[data-locale]')].map((a) => ({
              locale: a.getAttribute('data-locale'),
              hreflang: a.getAttribute('hreflang'),
              path: new URL(a.href).pathname,
              current: a.getAttribute('aria-current'),
            }));
            const fallbacks = article
              ? [...article.querySelectorAll('[lang="en"]')].map((el) => ({
                  text: el.textContent,
                  message: el.getAttribute('data-message'),
                  visible: el.getClientRects().length > 0,
                }))
              : [];
            const notice = document.querySelector('.tolk-fallback-notice');
            return {
              lang: document.documentElement.getAttribute('lang'),
              chromeLang: document.querySelector('.site-header').getAttribute('lang') || document.documentElement.getAttribute('lang'),
              untranslated: !!document.querySelector('.tolk-untranslated-notice'),
              dir: document.documentElement.getAttribute('dir'),
              hasArticle: !!article,
              headingIds: article
                ? [...article.querySelectorAll('h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]')].map((h) => h.id)
                : [],
              tocTargets: [...document.querySelectorAll('nav.toc a[href^="#"]')].map((a) => a.getAttribute('href').slice(1)),
              tableNumbers: table
                ? [...table.querySelectorAll('th, td')]
                    .flatMap((c) => c.textContent.match(/\d+/g) || [])
                    .map(Number)
                    .sort((a, b) => a - b)
                : null,
              switcher,
              fallbacks,
              notice: notice ? { text: notice.textContent, visible: notice.getClientRects().length > 0 } : null,
              articleText: article ? article.textContent : '',
            };
          });
          facts.set(key, f);

          mkdirSync(SCREENSHOT_DIR, { recursive: true });
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${locale}-${article}.png`), fullPage: true });
          // Problems of this page alone (the switcher test below visits the other locales).
          const loadProblems = [...new Set(problems)];

          await t.test('no console errors, page errors or failed requests', () => {
            assert.deepEqual(loadProblems, [], `problems on ${key}`);
          });

          await t.test('html lang and dir', () => {
            // A page below the threshold is English text under the locale's interface.
            const untranslated = UNTRANSLATED.some((u) => u.locale === locale && u.article === article);
            assert.equal(f.untranslated, untranslated, 'the untranslated-page notice where expected');
            assert.equal(f.lang, untranslated ? SOURCE_LOCALE : locale);
            assert.equal(f.chromeLang, locale, 'the interface is in the locale');
            assert.ok(['ltr', 'rtl'].includes(f.dir), `dir="${f.dir}"`);
            assert.ok(f.hasArticle, 'page has an <article>');
          });

          await t.test('table of contents points at existing headings', () => {
            for (const id of f.tocTargets) assert.ok(f.headingIds.includes(id), `toc link #${id} has no heading`);
          });

          await t.test('language switcher', async () => {
            assert.deepEqual(f.switcher.map((s) => s.locale).sort(), [...LOCALES].sort(), 'one link per locale');
            const current = f.switcher.filter((s) => s.current === 'page');
            assert.deepEqual(current.map((s) => s.locale), [locale], 'aria-current="page" on the current locale only');
            for (const s of f.switcher) {
              const english = UNTRANSLATED.some((u) => u.locale === s.locale && u.article === article);
              assert.equal(s.hreflang, english ? SOURCE_LOCALE : s.locale, `hreflang of the ${s.locale} link says what it leads to`);
            }
            for (const other of LOCALES.filter((l) => l !== locale)) {
              await page.click(`nav.languages a[data-locale="${other}"]`);
              await page.waitForURL((u) => u.pathname === articleUrl(other, article), { timeout: 5000 });
              assert.equal(await page.evaluate(() => document.querySelector('.site-header').getAttribute('lang') || document.documentElement.lang), other,
                `the interface is in ${other} after switching`);
              await page.goto(origin + articleUrl(locale, article), { waitUntil: 'load' });
            }
          });

          await t.test('axe: no serious or critical violations', async () => {
            await page.goto(origin + articleUrl(locale, article), { waitUntil: 'load' });
            const violations = await runAxe(page);
            assert.equal(violations.length, 0, `axe on ${key}:\n${formatViolations(violations)}`);
          });
        } finally {
          await page.close();
        }
      });
    }
  }
});

describe('across locales', () => {
  const need = (key) => {
    const f = facts.get(key);
    assert.ok(f, `${key} was not loaded (see its own test)`);
    return f;
  };

  for (const article of ALL_ARTICLES) {
    test(`${article}: every heading id of the ${SOURCE_LOCALE} article exists in each locale`, () => {
      const source = need(`${SOURCE_LOCALE}/${article}`).headingIds;
      assert.ok(source.length > 0, 'source article has heading ids');
      for (const locale of LOCALES.filter((l) => l !== SOURCE_LOCALE)) {
        const ids = new Set(need(`${locale}/${article}`).headingIds);
        const missing = source.filter((id) => !ids.has(id));
        assert.deepEqual(missing, [], `heading ids missing in ${locale}/${article}`);
      }
    });
  }

  test(`${ENTITLEMENT_ARTICLE}: entitlement table holds the same numbers in every locale`, () => {
    const source = need(`${SOURCE_LOCALE}/${ENTITLEMENT_ARTICLE}`).tableNumbers;
    assert.ok(source, 'source article has a table');
    for (const n of ENTITLEMENT_NUMBERS) assert.ok(source.includes(n), `${n} in the ${SOURCE_LOCALE} table`);
    for (const locale of LOCALES) {
      assert.deepEqual(need(`${locale}/${ENTITLEMENT_ARTICLE}`).tableNumbers, source, `table numbers of ${locale}`);
    }
  });

  for (const { locale, article } of FALLBACK_CHECKS) {
    test(`${locale}/${article}: untranslated text is shown in English, marked lang="en", with a notice`, () => {
      const f = need(`${locale}/${article}`);
      const en = normalize(need(`${SOURCE_LOCALE}/${article}`).articleText);
      assert.ok(f.notice, '.tolk-fallback-notice is present');
      assert.ok(f.notice.visible, '.tolk-fallback-notice is visible');
      const messages = f.fallbacks.filter((fb) => fb.message);
      assert.ok(messages.length > 0, 'article has English fallback messages inside lang="en" elements');
      for (const fb of messages) {
        assert.ok(fb.visible, `fallback ${fb.message} is visible`);
        assert.ok(en.includes(normalize(fb.text)),
          `fallback ${fb.message} is English text from the ${SOURCE_LOCALE} article: "${normalize(fb.text).slice(0, 80)}"`);
      }
    });
  }
});

describe('search', () => {
  test(`typing "${SEARCH.word}" on ${SEARCH.locale}/${SEARCH.article} lists a result link`, async () => {
    const { page, problems } = await openPage(articleUrl(SEARCH.locale, SEARCH.article));
    try {
      const input = page.locator('form.search input[type="search"]');
      await input.click();
      await input.pressSequentially(SEARCH.word);
      const link = page.locator('form.search .search-results a').first();
      await link.waitFor({ state: 'visible', timeout: 5000 });
      const hrefs = await page.$$eval('form.search .search-results a', (as) => as.map((a) => new URL(a.href).pathname));
      assert.ok(hrefs.length > 0, 'at least one result');
      for (const href of hrefs) {
        assert.ok(ARTICLES[SEARCH.locale].some((a) => href === articleUrl(SEARCH.locale, a)),
          `result ${href} is an article of ${SEARCH.locale}`);
      }
      assert.deepEqual([...new Set(problems)], [], 'problems while searching');
      await link.click();
      await page.waitForURL((u) => hrefs.includes(u.pathname), { timeout: 5000 });
      assert.equal(await page.getAttribute('html', 'lang'), SEARCH.locale);
    } finally {
      await page.close();
    }
  });
});

describe('translation status page', () => {
  const STATUS = path.join(SITE_DIR, 'status', 'index.html');
  test('every cell is reachable by keyboard, opens its messages, and the page passes axe', { skip: !existsSync(STATUS) && 'the site has no status page' }, async () => {
    const { page, problems, response } = await openPage('/status/');
    try {
      assert.equal(response.status(), 200);
      assert.equal(await page.getAttribute('meta[name="robots"]', 'content'), 'noindex, nofollow');
      const cells = await page.$$eval('tbody td a', (as) => as.map((a) => a.getAttribute('href')));
      const rows = await page.$$eval('tbody tr', (trs) => trs.length);
      const columns = await page.$$eval('thead th', (ths) => ths.length - 1);
      assert.equal(cells.length, rows * columns, 'a link in every cell');
      // Tab through the page: every cell link gets focus, in table order.
      const focused = [];
      for (let i = 0; i < cells.length + 5 && focused.length < cells.length; i++) {
        await page.keyboard.press('Tab');
        const href = await page.evaluate(() => document.activeElement?.closest('td') ? document.activeElement.getAttribute('href') : null);
        if (href) focused.push(href);
      }
      assert.deepEqual(focused, cells, 'Tab reaches every cell');
      // Enter on a stale cell shows its messages with word diffs.
      const stale = await page.$eval('td.content a, td.wording a', (a) => a.getAttribute('href'));
      await page.focus(`td a[href="${stale}"]`);
      await page.keyboard.press('Enter');
      await page.waitForFunction((h) => location.hash === h, stale);
      const section = await page.$eval(stale, (s) => ({ items: s.querySelectorAll('li').length, diffs: s.querySelectorAll('del, ins').length }));
      assert.ok(section.items > 0 && section.diffs > 0, `messages and diffs under ${stale}: ${JSON.stringify(section)}`);
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        const violations = await runAxe(page);
        assert.equal(violations.length, 0, `axe (${scheme}) on /status/:\n${formatViolations(violations)}`);
      }
      assert.deepEqual(problems, []);
      const sitemap = path.join(SITE_DIR, 'sitemap.xml');
      if (existsSync(sitemap)) {
        const { readFileSync } = await import('node:fs');
        assert.ok(!readFileSync(sitemap, 'utf8').includes('/status/'), 'not in the sitemap');
      }
    } finally {
      await page.close();
    }
  });
});
