import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Role } from '../src/contracts/index.js';
import { visibleMenu } from '../web/src/app/menu.js';
import { baseUrl, menuRoutes, openBrowser, screenshot, signIn } from './browser.js';

/**
 * The web shell as people use it, in headless Chromium against `juli start` on a fresh
 * embedded database with the demo: sign in (with the second factor for administrators),
 * see the menu of the role, switch language, sign out.
 */
let browser: Awaited<ReturnType<typeof openBrowser>>;

beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const permissionsOf = (role: Role) => Object.keys(PERMISSIONS[role]) as (keyof (typeof PERMISSIONS)[Role])[];

const CASES: { username: string; role: Role; sees: string[]; never: string[] }[] = [
  {
    username: 'operator',
    role: 'city_operator',
    sees: ['/', '/org/enterprises', '/account'],
    never: ['/admin/users', '/audit', '/system'],
  },
  { username: 'zhuhui', role: 'reporting_unit', sees: ['/org/units', '/org/enterprises'], never: ['/admin/users', '/audit'] },
  { username: 'enterprise', role: 'enterprise', sees: ['/org/enterprises', '/account'], never: ['/org/units', '/audit'] },
  { username: 'auditor', role: 'audit_admin', sees: ['/audit'], never: ['/org/enterprises', '/org/units', '/admin/users'] },
  { username: 'secadmin', role: 'security_admin', sees: ['/admin/users', '/org/units'], never: ['/audit', '/org/enterprises'] },
];

describe('web shell', () => {
  it('the sign-in page says it is demo data, in Chinese by default, and lists the demo accounts', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl()}/login`);
    await expect.poll(() => page.getByTestId('demo-banner').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('demo-banner').textContent()).toContain('演示数据');
    expect(await page.getByTestId('demo-account-operator').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^zh/);
    await screenshot(page, 'login-zh');
  });

  for (const c of CASES) {
    it(`${c.username} (${c.role}) signs in and sees exactly the menu of the role`, async () => {
      const { page } = browser;
      await signIn(page, c.username);
      const routes = await menuRoutes(page);
      expect(routes).toEqual(visibleMenu({ permissions: permissionsOf(c.role) }).map((e) => e.path));
      for (const route of c.sees) expect(routes).toContain(route);
      for (const route of c.never) expect(routes).not.toContain(route);
      await screenshot(page, `menu-${c.username}`);
      // A page the role may not use, typed into the address bar, is refused.
      await page.goto(`${baseUrl()}${c.never[0]}`);
      await expect
        .poll(async () => (await page.getByTestId('page-title').textContent()) ?? '', { timeout: 15_000 })
        .toMatch(/403|无权|权限/);
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login/);
      await page.goto(`${baseUrl()}/`);
      await page.waitForURL(/\/login/);
    });
  }

  it('switches to English and back, and the choice survives a reload', async () => {
    const { page } = browser;
    await signIn(page, 'leader');
    const chineseTitle = await page.getByTestId('page-title').textContent();
    await page.getByTestId('lang-en-US').click();
    await expect.poll(async () => page.getByTestId('page-title').textContent(), { timeout: 15_000 }).not.toBe(chineseTitle);
    await expect
      .poll(async () => (await page.getByTestId('logout').textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/sign out|log ?out/i);
    await screenshot(page, 'workbench-en');
    await page.reload();
    await expect
      .poll(async () => (await page.getByTestId('logout').textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/sign out|log ?out/i);
    await page.getByTestId('lang-zh-CN').click();
    await expect.poll(async () => (await page.getByTestId('logout').textContent()) ?? '', { timeout: 15_000 }).toContain('退出');
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
  });

  it('in English a county sees the other units of the city in English too (the boards rank them all)', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await signIn(page, 'zhuhui');
    await page.getByTestId('lang-en-US').click();
    await expect
      .poll(async () => (await page.getByTestId('logout').textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/sign out|log ?out/i);
    await page.goto(`${baseUrl()}/boards?month=2022-11`);
    // Leiyang (耒阳市) is outside Zhuhui's jurisdiction: its name comes from the city's unit names.
    const board = page.getByTestId('board-completed');
    await expect.poll(async () => (await board.textContent()) ?? '', { timeout: 30_000 }).toContain('Leiyang City');
    expect(await board.textContent()).not.toContain('耒阳市');
    await page.getByTestId('lang-zh-CN').click();
    await expect.poll(async () => (await board.textContent()) ?? '', { timeout: 15_000 }).toContain('耒阳市');
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
  });

  it('a wrong password shows the server’s message under the form', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl()}/login`);
    await page.getByTestId('login-username').fill('operator');
    await page.getByTestId('login-password').fill('Wrong#Pass2026');
    await page.getByTestId('login-submit').click();
    await expect
      .poll(async () => (await page.getByTestId('login-error').textContent()) ?? '', { timeout: 15_000 })
      .toContain('用户名或密码错误');
    await screenshot(page, 'login-error');
  });
});
