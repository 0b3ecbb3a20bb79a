import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import * as OTPAuth from 'otpauth';
import { inject } from 'vitest';

/** Debian's Chromium, headless, with the flags this network needs (no background calls home). */
const CHROMIUM = process.env.JULI_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOTS = path.resolve('test-results', 'e2e');
export const DEMO_PASSWORD = 'Juli#Hy2022';

export function baseUrl(): string {
  return inject('baseUrl');
}

/** A fresh browser profile (launchPersistentContext: --user-data-dir in args is refused). */
export async function openBrowser(locale = 'zh-CN'): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'juli-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: FLAGS,
    locale,
    viewport: { width: 1366, height: 860 },
    // No animations (the app honours the preference): a click never races a dialog still zooming in.
    reducedMotion: 'reduce',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const secrets = new Map<string, string>();

/**
 * Sign in through the form like a person: password, then the second factor when asked
 * (enrolling at the first sign-in of an administrator, with the code of the shown secret).
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl()}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  const outcome = await Promise.race([
    // Attached, not visible: on a phone the menu is folded away.
    page
      .getByTestId('side-menu')
      .waitFor({ state: 'attached' })
      .then(() => 'in' as const),
    page
      .getByTestId('login-totp')
      .waitFor()
      .then(() => 'totp' as const),
  ]);
  if (outcome === 'totp') {
    const shown = page.getByTestId('login-totp-secret');
    if (await shown.count()) secrets.set(username, ((await shown.textContent()) ?? '').trim());
    const secret = secrets.get(username);
    if (!secret) throw new Error(`no TOTP secret known for ${username}`);
    // A code is accepted once per 30-second step: wait for a fresh step if this one was used.
    const step = Math.floor(Date.now() / 30_000);
    if (usedSteps.get(username) === step) await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    usedSteps.set(username, Math.floor(Date.now() / 30_000));
    await page.getByTestId('login-totp').fill(totp.generate());
    await page.getByTestId('login-totp-submit').click();
    await page.getByTestId('side-menu').waitFor({ state: 'attached' });
  }
}

const usedSteps = new Map<string, number>();

/** The routes in the side menu, in order (each item's key is its route). */
export async function menuRoutes(page: Page): Promise<string[]> {
  const ids = await page
    .getByTestId('side-menu')
    .locator('li[role="menuitem"]')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-menu-id') ?? ''));
  return ids.map((id) => id.slice(id.indexOf('/')));
}

/**
 * Open an Ant Design select or tree select by its test id (typing `search` first when given) and
 * pick the option (or tree node) showing `text`, until the select shows it: a click that lands while the dropdown is
 * still moving in is lost now and then on a busy machine, and is tried again (three times).
 */
export async function pickOption(page: Page, testId: string, text: string, search?: string): Promise<void> {
  const select = page.getByTestId(testId);
  const openDropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let attempt = 1; ; attempt++) {
    // First always open it; a retry opens it again only when the lost click closed it.
    if (attempt === 1 || !(await openDropdown.count())) await select.click();
    // Typed into the select's own search box (keystrokes sent to the page were lost now and then).
    if (search) await select.locator('input').first().fill(search);
    const option = openDropdown.locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper').filter({ hasText: text }).first();
    await option.waitFor({ state: 'visible' });
    await option.click();
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      if (((await select.textContent()) ?? '').includes(text)) return;
      await page.waitForTimeout(100);
    }
    if (attempt === 3) throw new Error(`select ${testId} does not show "${text}" after three picks`);
  }
}

/**
 * Type an ISO date into an Ant Design date picker (into its own input, not as keystrokes to the
 * page) and leave it with `leave` (Tab; Enter would submit most forms), until the input shows it.
 */
export async function typeDate(page: Page, testId: string, date: string, leave: 'Tab' | 'Enter' = 'Tab'): Promise<void> {
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await input.fill(date);
    await input.press(leave);
    if ((await input.inputValue()) === date) return;
    if (attempt === 3) throw new Error(`date picker ${testId} does not show ${date} after three tries`);
  }
}
