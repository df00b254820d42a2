// End-to-end tests of the web UI: the real `kithkin serve` on a demo database, driven in
// Debian's headless Chromium by playwright-core. Run with `node --test` in this folder (see
// docs/web.md, "Browser tests"). Every page visited is saved to screenshots/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = path.join(here, 'screenshots');
const STATES = ['Suggested', 'Asked A', 'Asked B', 'Introduced', 'Closed', 'Declined'];
const PERSON_URL = /\/people\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMEOUT = { timeout: 90_000 };

let server;
let browser;
let favicon404 = 0;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  // only this run's screenshots
  for (const f of await readdir(SHOTS)) if (f.endsWith('.png')) await rm(path.join(SHOTS, f));
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // running as root (CI) needs --no-sandbox
    args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
  });
});

after(async () => {
  if (favicon404 > 0) {
    console.log(`note: Chromium's own /favicon.ico request got 404 ${favicon404} time(s) (no favicon served)`);
  }
  await browser?.close();
  await server?.stop();
});

/** A page whose console errors, uncaught errors and CSP violations are collected. */
async function openPage(contextOptions = {}) {
  const context = await browser.newContext({ colorScheme: 'light', ...contextOptions });
  // Runs through the DevTools protocol, which the page's CSP does not restrict.
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || '?'}:${e.lineNumber}:${e.columnNumber}${e.sample ? ` sample ${e.sample}` : ''} (${location.pathname})`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url || '';
    // Chromium asks for /favicon.ico on its own; the server has none (a 404), which is
    // browser noise, not a page error. It is counted and reported once (see `after`).
    if (new URL(where, server.url).pathname === '/favicon.ico') {
      favicon404 += 1;
      return;
    }
    problems.push(`console error: ${msg.text()} (${where})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return { context, page, problems };
}

async function cspViolations(page) {
  return page.evaluate(() => window.__csp || []);
}

/** Opens a path and checks it answered 200 with no console error or CSP violation. */
async function visit(page, problems, pathname) {
  const response = await page.goto(new URL(pathname, server.url).href, { waitUntil: 'load' });
  assert.equal(response.status(), 200, `GET ${pathname}`);
  await assertClean(page, problems, pathname);
  return response;
}

async function assertClean(page, problems, what) {
  assert.deepEqual(await cspViolations(page), [], `CSP violations on ${what}`);
  assert.deepEqual(problems, [], `console errors on ${what}`);
}

async function shot(page, name) {
  const file = path.join(SHOTS, `${name}.png`);
  // caret 'initial': Playwright's default ('hide') leaves style="" on the focused field, which
  // htmx's settle step then copies onto the swapped-in field: a style-src-attr CSP violation
  // that no user would cause.
  await page.screenshot({ path: file, fullPage: true, caret: 'initial' });
  return file;
}

/** The state column (its h2) that an element sits in, or null. */
function columnOf(locator) {
  return locator.evaluate((el) => {
    const h2 = el.closest('section')?.querySelector('h2');
    return h2 ? h2.textContent.replace(/\s+/g, ' ').trim() : null;
  });
}

function stateOf(heading) {
  // the heading is the state's name, perhaps followed by a count
  return STATES.find((s) => heading === s || new RegExp(`^${s}\\b(?! [AB]\\b)`).test(heading)) ?? null;
}

test('Today and People load with no console error and no CSP violation', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, problems, '/');
    assert.match(await page.locator('h1').innerText(), /^Today/);
    assert.equal(await page.title(), `Today · Kithkin`);
    await shot(page, 'today');

    await visit(page, problems, '/people');
    assert.equal(await page.locator('h1').innerText(), 'People');
    const people = page.locator('ul.people li a');
    assert.ok((await people.count()) >= 10, 'the demo lists its people');
    await shot(page, 'people');

    // a search through the labelled box
    await page.getByLabel('Search people and notes').fill('Priya');
    await Promise.all([page.waitForURL(/\/people\?q=Priya/), page.getByRole('button', { name: 'Search' }).click()]);
    await page.locator('ul.people li a', { hasText: 'Priya' }).first().waitFor();
    await assertClean(page, problems, '/people?q=Priya');
    await shot(page, 'people-search');
  } finally {
    await context.close();
  }
});

test('log an interaction from a person page and find it in the timeline', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, problems, '/people');
    const link = page.locator('ul.people li a').first();
    const name = (await link.innerText()).trim();
    await link.click();
    // with htmx's hx-boost the link swaps the body in place and pushes the URL
    await page.waitForURL(PERSON_URL);
    await page.getByRole('heading', { name: 'Log an interaction' }).waitFor();
    const personUrl = page.url();
    assert.equal((await page.locator('h1').innerText()).trim(), name);
    await assertClean(page, problems, personUrl);
    await shot(page, 'person');

    const note = `e2e call ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    await page.getByLabel('Kind').selectOption('call');
    await page.getByLabel('Minutes (optional)').fill('25');
    await page.getByLabel('Note (optional)', { exact: true }).fill(note);
    const posted = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/interactions'),
    );
    await page.getByRole('button', { name: 'Log interaction' }).click();
    const response = await posted;
    assert.equal(response.status(), 303, 'the form answers with a redirect');

    const entry = page.locator('ol.timeline li', { hasText: note });
    await entry.waitFor();
    assert.equal(page.url(), personUrl, 'redirected back to the person page');
    assert.equal(await entry.count(), 1);
    const text = await entry.innerText();
    assert.match(text, /call/i);
    assert.match(text, /25/);
    await assertClean(page, problems, `${personUrl} after logging`);
    await shot(page, 'person-after-log');
  } finally {
    await context.close();
  }
});

/** Starts an introduction between two demo people through the JSON API. */
async function startIntroduction(page) {
  const people = await (await fetch(new URL('/api/v1/people?limit=50', server.url))).json();
  const [a, b] = people.people.slice(-2);
  const r = await page.request.post(new URL('/api/v1/introductions', server.url).href, {
    headers: { 'Sec-Fetch-Site': 'same-origin' },
    data: { a: a.id, b: b.id, reason: 'started by the browser tests' },
  });
  assert.ok(r.ok(), `POST /api/v1/introductions answered ${r.status()}: ${await r.text()}`);
}

test('move an introduction across the board', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    const response = await page.goto(new URL('/introductions', server.url).href, { waitUntil: 'load' });
    await shot(page, 'board');
    assert.equal(response.status(), 200, 'GET /introductions: the introductions board');

    const headings = (await page.locator('section > h2, section h2').allInnerTexts()).map((h) =>
      h.replace(/\s+/g, ' ').trim(),
    );
    for (const s of STATES) {
      assert.ok(headings.some((h) => stateOf(h) === s), `a column headed "${s}" (headings: ${headings.join(' | ')})`);
    }

    const movable = () =>
      page.locator('article.intro-card[data-intro-id]', {
        has: page.locator('button', { hasText: /^\s*Move to / }),
      });
    if ((await movable().count()) === 0) {
      await startIntroduction(page);
      await page.reload({ waitUntil: 'load' });
    }
    assert.ok((await movable().count()) > 0, 'an introduction card with a "Move to …" button');
    await assertClean(page, problems, '/introductions');
    await shot(page, 'board');

    const card = movable().first();
    const id = await card.getAttribute('data-intro-id');
    const from = stateOf(await columnOf(card));
    assert.ok(from, `the card ${id} sits in a state column`);
    const button = card.locator('button', { hasText: /^\s*Move to / }).first();
    const label = (await button.innerText()).replace(/\s+/g, ' ').trim();
    const rest = label.replace(/^Move to /, '');
    const to = STATES.filter((s) => rest.startsWith(s)).sort((x, y) => y.length - x.length)[0];
    assert.ok(to, `"${label}" names a state`);
    assert.notEqual(to, from);

    await button.click();
    const moved = page
      .locator('section', { has: page.locator('h2', { hasText: new RegExp(`^\\s*${to}\\b`) }) })
      .locator(`article.intro-card[data-intro-id="${id}"]`);
    // wait until the card with this id is in the target column (after a redirect or in place)
    await page.waitForFunction(
      ([cardId, target]) => {
        const el = document.querySelector(`article.intro-card[data-intro-id="${cardId}"]`);
        const h2 = el?.closest('section')?.querySelector('h2');
        return !!h2 && h2.textContent.replace(/\s+/g, ' ').trim().startsWith(target);
      },
      [id, to],
      { timeout: 15_000 },
    );
    assert.ok((await moved.count()) >= 1, `card ${id} is in the "${to}" column`);
    assert.equal(stateOf(await columnOf(page.locator(`article.intro-card[data-intro-id="${id}"]`).first())), to);
    assert.equal(await page.locator(`article.intro-card[data-intro-id="${id}"]`).count(), 1, 'the card appears once');
    await assertClean(page, problems, '/introductions after the move');
    await shot(page, 'board-after-move');
  } finally {
    await context.close();
  }
});

test('phone-sized viewport: Today and a person page', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  try {
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth);
    await visit(page, problems, '/');
    await shot(page, 'phone-today');
    assert.ok((await fits()) <= 375, `Today fits 375 px without sideways scrolling (${await fits()} px)`);

    await visit(page, problems, '/people');
    await page.locator('ul.people li a').first().click();
    await page.waitForURL(PERSON_URL);
    await page.getByRole('heading', { name: 'Log an interaction' }).waitFor();
    await assertClean(page, problems, page.url());
    await shot(page, 'phone-person');
    assert.ok((await fits()) <= 375, `the person page fits 375 px without sideways scrolling (${await fits()} px)`);
  } finally {
    await context.close();
  }
});

/** Presses Tab until `matches` holds for the focused element (at most `limit` times). */
async function tabTo(page, matches, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches)) return i + 1;
  }
  return null;
}

/** The focused element shows a visible focus indicator (:focus-visible and an outline). */
async function assertFocusVisible(page, what) {
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    return {
      tag: el.tagName,
      focusVisible: el.matches(':focus-visible'),
      outline: `${cs.outlineStyle} ${cs.outlineWidth}`,
      shadow: cs.boxShadow,
    };
  });
  assert.ok(focus.focusVisible, `${what} matches :focus-visible (${JSON.stringify(focus)})`);
  const outlined = !focus.outline.startsWith('none') && parseFloat(focus.outline.split(' ')[1]) > 0;
  assert.ok(outlined || focus.shadow !== 'none', `${what} has a visible focus outline (${JSON.stringify(focus)})`);
}

test('keyboard: Tab reaches the search box and the first button, focus visible', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, problems, '/people');
    const toSearch = await tabTo(page, () => document.activeElement?.id === 'q');
    assert.ok(toSearch, 'Tab reaches the search box');
    await assertFocusVisible(page, 'the search box');
    // on through the filter fields to the first button: the search form's own
    const toButton = await tabTo(page, () => document.activeElement?.tagName === 'BUTTON');
    assert.ok(toButton, 'Tab goes on from the search box to a button');
    assert.equal(
      await page.evaluate(() => document.activeElement === document.querySelector('main button')),
      true,
      'the button reached is the first on the page',
    );
    assert.equal(
      await page.evaluate(() => document.activeElement.form === document.getElementById('q').form),
      true,
      "it is the search form's button",
    );
    await assertFocusVisible(page, 'the first button on People');
    await shot(page, 'keyboard-people-search-button');

    await visit(page, problems, '/');
    const buttons = await page.locator('main button').count();
    assert.ok(buttons > 0, 'the demo Today page has a button (Done or Snooze)');
    const toTodayButton = await tabTo(page, () => document.activeElement?.tagName === 'BUTTON', 200);
    assert.ok(toTodayButton, 'Tab reaches the first button on Today');
    assert.equal(
      await page.evaluate(() => document.activeElement === document.querySelector('main button')),
      true,
      'the first button reached is the first on the page',
    );
    await assertFocusVisible(page, 'the first Today button');
    await shot(page, 'keyboard-today-first-button');
  } finally {
    await context.close();
  }
});
