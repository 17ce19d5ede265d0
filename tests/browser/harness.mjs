// Shared by the browser tests of built sites: a tiny static server for a built site
// directory, the system Chromium through playwright-core with every other host blocked, a
// page watcher (console errors, failed and non-2xx requests) and axe-core.

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const AXE_PATH = path.join(path.dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js');
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// Serves the files of siteDir as a static host would (directories as their index.html,
// 404.html for what is missing).
async function handle(siteDir, req, res) {
  let rel;
  try {
    rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = path.join(siteDir, path.normalize(rel));
  if (file !== siteDir && !file.startsWith(siteDir + path.sep)) file = null;
  if (file && existsSync(file) && statSync(file).isDirectory()) {
    if (!rel.endsWith('/')) {
      res.writeHead(301, { Location: rel + '/' }).end();
      return;
    }
    file = path.join(file, 'index.html');
  }
  let status = 200;
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    status = 404;
    file = path.join(siteDir, '404.html');
  }
  const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
  const body = existsSync(file) ? await readFile(file) : Buffer.from('not found');
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

// Starts the server and the browser for siteDir. Returns { origin, context, close }.
export async function start(siteDir) {
  const server = createServer((req, res) => {
    handle(siteDir, req, res).catch((err) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  // Nothing but the local server is reachable; a page that reaches out is reported by `watch`.
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(origin + '/')) return route.continue();
    return route.abort('blockedbyclient');
  });
  const close = async () => {
    await context.close();
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { origin, context, close };
}

// Records console errors, uncaught exceptions, failed and non-2xx requests of a page.
// ignoreFailed(request, errorText) drops failed requests that are expected.
export function watch(page, ignoreFailed = () => false) {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const where = msg.location()?.url ? ` (${msg.location().url})` : '';
      problems.push(`console error: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText;
    if (!ignoreFailed(req, error)) problems.push(`request failed: ${req.url()} (${error})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

// Opens urlPath of origin in a new page of context: { page, problems, response }.
export async function openPage(context, origin, urlPath) {
  const page = await context.newPage();
  const problems = watch(page);
  const response = await page.goto(origin + urlPath, { waitUntil: 'load' });
  return { page, problems, response };
}

// The serious and critical axe-core violations of page.
export async function runAxe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
}

export function formatViolations(violations) {
  return violations
    .map((v) => `${v.id} [${v.impact}] ${v.help}\n` +
      v.nodes.slice(0, 5).map((n) => `    ${n.target}\n      ${n.html}\n      ${(n.summary || '').replace(/\n/g, ' ')}`).join('\n') +
      (v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : ''))
    .join('\n');
}
