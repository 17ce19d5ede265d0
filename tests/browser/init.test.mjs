// Headless-browser test of a site made by `tolk init` and built with the theme the binary
// carries (no templates/ directory): what a new user sees first.
//
//   cd tests/browser && npm ci && TOLK_BIN=/path/to/tolk node --test init.test.mjs
//
// TOLK_BIN defaults to ../../target/release/tolk; the test is skipped when it is missing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatViolations, openPage, runAxe, start } from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TOLK = path.resolve(process.env.TOLK_BIN || path.join(HERE, '..', '..', 'target', 'release', 'tolk'));
const LOCALES = ['en', 'nl', 'de'];
const skip = existsSync(TOLK) ? false : `no tolk binary at ${TOLK} (set TOLK_BIN)`;

let dir;
let site;
let origin;
let context;
let stop;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(path.join(tmpdir(), 'tolk-init-'));
  execFileSync(TOLK, ['init', 'docs', '--source', 'en', '--targets', 'nl,de', '--title', 'New docs'], { cwd: dir });
  site = path.join(dir, 'docs');
  execFileSync(TOLK, ['build'], { cwd: site });
  ({ origin, context, close: stop } = await start(path.join(site, 'public')));
});

after(async () => {
  await stop?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a site made by tolk init', { skip }, () => {
  test('has no templates/ of its own: the theme comes from the binary', () => {
    assert.ok(!existsSync(path.join(site, 'templates')));
    assert.ok(existsSync(path.join(site, 'public', 'site.js')));
  });

  for (const locale of LOCALES) {
    test(`${locale}: the sample article and the home load cleanly and pass axe-core`, async () => {
      for (const urlPath of [`/${locale}/`, `/${locale}/getting-started/`]) {
        const { page, problems, response } = await openPage(context, origin, urlPath);
        try {
          assert.equal(response.status(), 200, urlPath);
          assert.deepEqual(problems, [], `${urlPath}: ${problems.join('; ')}`);
          assert.equal(await page.getAttribute('html', 'lang'), locale, `${urlPath} lang`);
          const violations = await runAxe(page);
          assert.equal(violations.length, 0, `${urlPath}:\n${formatViolations(violations)}`);
        } finally {
          await page.close();
        }
      }
    });
  }

  test('the article shows its model value through a plural, and links every locale', async () => {
    const { page } = await openPage(context, origin, '/nl/getting-started/');
    try {
      const text = await page.locator('main').innerText();
      assert.match(text, /Getting started/);
      assert.match(text, /This site has 3 locales\./, 'the English shown until translated');
      for (const locale of LOCALES) {
        assert.ok(await page.locator(`a[href*="/${locale}/getting-started/"]`).count() > 0,
          `the switcher links the ${locale} page`);
      }
    } finally {
      await page.close();
    }
  });

  test('the root chooser lists every locale', async () => {
    const { page, problems } = await openPage(context, origin, '/');
    try {
      assert.deepEqual(problems, []);
      for (const locale of LOCALES) {
        assert.ok(await page.locator(`a[href*="${locale}/"]`).count() > 0, `the root links /${locale}/`);
      }
    } finally {
      await page.close();
    }
  });
});
