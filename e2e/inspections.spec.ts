import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, openBrowser, pickOption, screenshot, signIn } from './browser.js';
import { ApiClient } from './http.js';

/**
 * Enterprise code protection (扫码入企) as the city runs it, in headless Chromium against the
 * demo: the operator re-issues the demo enterprise's code (the old one stops working); the market
 * regulation inspector opens the QR's link on a phone-width screen and registers a routine
 * inspection, then a second one, warned that it is over the year's limit (a supervision case);
 * the enterprise rates the first and reports an inspection that came without scanning; the
 * operator closes that case; the city's figures per department count it all.
 */
let browser: Awaited<ReturnType<typeof openBrowser>>;
let operator: ApiClient;
const pageErrors: string[] = [];
const ENTERPRISE = '衡阳示例新材料有限公司';

beforeAll(async () => {
  browser = await openBrowser();
  browser.page.on('pageerror', (error) => pageErrors.push(error.message));
  operator = await ApiClient.signIn('operator');
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    await screenshot(browser.page, `inspections-failed-${context.task.name.slice(0, 20)}`);
    if (pageErrors.length) console.error('page errors:', pageErrors);
  }
});
afterAll(async () => {
  await browser?.close();
});

async function as(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, username);
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

interface Code {
  enterpriseId: number;
  token: string | null;
}

describe('enterprise code protection (扫码入企)', () => {
  let enterpriseId = 0;
  let link = '';
  let oldToken = '';
  let firstId = 0;
  let marketId = 0;
  let caseId = 0;

  it('the operator re-issues the demo enterprise’s code: the QR shows the new link, the old code is void', async () => {
    const found = await operator.json<{ items: Code[] }>('GET', `/api/v1/inspections/codes?q=${encodeURIComponent(ENTERPRISE)}`);
    enterpriseId = found.items[0]!.enterpriseId;
    oldToken = found.items[0]!.token!;
    const departments = await operator.json<{ items: { id: number; nameZh: string }[] }>('GET', '/api/v1/inspections/departments');
    marketId = departments.items.find((d) => d.nameZh === '衡阳市市场监督管理局')!.id;

    const { page } = browser;
    await signIn(page, 'operator');
    await page.goto(`${baseUrl()}/inspections/codes`);
    await expect.poll(() => text(page, 'page-title'), { timeout: 15_000 }).toBe('企业码管理');
    const search = page.locator('[data-testid="code-search"] input').first();
    await search.fill(ENTERPRISE);
    await search.press('Enter');
    await expect.poll(() => page.getByTestId(`code-status-${enterpriseId}`).getAttribute('data-issued'), { timeout: 15_000 }).toBe('true');
    await page.getByTestId(`code-issue-${enterpriseId}`).click();
    const [issued] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/inspections/codes'), { timeout: 30_000 }),
      page.getByTestId('code-reissue-ok').click(),
    ]);
    expect(issued.status()).toBe(201);
    const image = page.getByTestId('code-qr-image');
    await image.waitFor({ timeout: 15_000 });
    link = (await image.getAttribute('data-url')) ?? '';
    expect(link).toMatch(new RegExp(`^${baseUrl()}/inspect/[A-Za-z0-9_-]{22}$`));
    expect(link).not.toContain(oldToken);
    expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await text(page, 'code-qr-name')).toBe(ENTERPRISE);
    await screenshot(page, 'inspections-code-qr');
    await page.getByTestId('code-qr-close').click();

    // A page of enterprises without a code: two chosen, codes issued to both at once.
    await search.fill('');
    await search.press('Enter');
    await pickOption(page, 'code-filter-issued', '未赋码');
    const rows = page.locator('[data-testid="code-table"] tbody tr[data-row-key]');
    // The filtered page: only enterprises without a code left.
    await expect.poll(() => page.locator('[data-testid="code-table"] [data-issued="true"]').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(2);
    const chosen = [await rows.nth(0).getAttribute('data-row-key'), await rows.nth(1).getAttribute('data-row-key')];
    for (const i of [0, 1]) await rows.nth(i).locator('.ant-checkbox-input').check();
    const [batch] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/inspections/codes/batch'), {
        timeout: 30_000,
      }),
      page.getByTestId('code-issue-chosen').click(),
    ]);
    expect(batch.status()).toBe(200);
    expect(await batch.json()).toEqual({ issued: 2, kept: 0 });
    const coded = await operator.json<{ items: Code[] }>('GET', '/api/v1/inspections/codes?issued=true&pageSize=200');
    expect(chosen.every((id) => coded.items.some((c) => String(c.enterpriseId) === id))).toBe(true);

    const market = await ApiClient.signIn('market');
    const old = await market.request('GET', `/api/v1/inspections/scan/${oldToken}`);
    expect(old.status).toBe(404);
  });

  it('on a phone (375px) the inspector scans, is refused without two officers, registers, then is warned before going over the limit', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.setViewportSize({ width: 375, height: 740 });
      await as(page, 'market');
      await page.goto(link);
      await expect.poll(() => text(page, 'inspect-enterprise'), { timeout: 15_000 }).toBe(ENTERPRISE);
      expect(await page.getByTestId('inspect-count').getAttribute('data-count')).toBe('0');
      expect(await page.getByTestId('inspect-limit-warning').count()).toBe(0);

      // Nothing sent while fields are missing.
      await page.getByTestId('inspect-kind-routine').check();
      await page.getByTestId('inspect-submit').click();
      await expect
        .poll(async () => (await page.locator('.ant-form-item-explain-error').allTextContents()).join('|'), { timeout: 15_000 })
        .toContain('必填');
      await page.getByTestId('inspect-purpose').fill('特种设备安全日常检查');
      await page.getByTestId('inspect-legal-basis').fill('《中华人民共和国特种设备安全法》第五十七条');
      await page.getByTestId('inspect-inspector-name-0').fill('何伟');
      await page.getByTestId('inspect-inspector-cert-0').fill('HN-SJ-430203');
      await page.getByTestId('inspect-inspector-name-1').fill('罗芳');
      await page.getByTestId('inspect-inspector-cert-1').fill('HN-SJ-430219');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await screenshot(page, 'inspections-scan-phone');
      const [created] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/inspections'), { timeout: 30_000 }),
        page.getByTestId('inspect-submit').click(),
      ]);
      expect(created.status(), await created.text()).toBe(201);
      firstId = ((await created.json()) as { id: number }).id;
      await page.getByTestId('inspect-done').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('inspect-done-over-limit').count()).toBe(0);

      // The second routine visit this year: warned first; a random check would not count.
      await page.goto(link);
      await expect.poll(() => page.getByTestId('inspect-count').getAttribute('data-count'), { timeout: 15_000 }).toBe('1');
      await page.getByTestId('inspect-limit-warning').waitFor();
      await page.getByTestId('inspect-kind-random').check();
      await expect.poll(() => page.getByTestId('inspect-limit-warning').count()).toBe(0);
      await page.getByTestId('inspect-kind-routine').check();
      await page.getByTestId('inspect-limit-warning').waitFor();
      await page.getByTestId('inspect-purpose').fill('电梯维保情况日常检查');
      await page.getByTestId('inspect-legal-basis').fill('《中华人民共和国特种设备安全法》第五十七条');
      await page.getByTestId('inspect-inspector-name-0').fill('何伟');
      await page.getByTestId('inspect-inspector-cert-0').fill('HN-SJ-430203');
      await page.getByTestId('inspect-inspector-name-1').fill('罗芳');
      await page.getByTestId('inspect-inspector-cert-1').fill('HN-SJ-430219');
      const [second] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/inspections'), { timeout: 30_000 }),
        page.getByTestId('inspect-submit').click(),
      ]);
      expect(second.status()).toBe(201);
      expect(((await second.json()) as { overLimit: boolean }).overLimit).toBe(true);
      await page.getByTestId('inspect-done-over-limit').waitFor({ timeout: 15_000 });
    } finally {
      await page.close();
    }
  });

  it('the enterprise sees its code and both inspections, rates the first and reports an unregistered visit', async () => {
    const { page } = browser;
    await as(page, 'enterprise');
    // The workbench counts the inspections not rated yet and opens exactly those.
    const enterpriseApi = await ApiClient.signIn('enterprise');
    const unrated = (await enterpriseApi.json<{ total: number }>('GET', '/api/v1/inspections?rated=false&pageSize=1')).total;
    expect(unrated).toBeGreaterThanOrEqual(2);
    await page.goto(`${baseUrl()}/`);
    const todo = page.getByTestId('todo-inspectionsToRate');
    await expect.poll(async () => await todo.getAttribute('data-count'), { timeout: 15_000 }).toBe(String(unrated));
    await todo.getByRole('link').click();
    await page.waitForURL(/\/inspections\?rated=false$/);
    await page.getByTestId('my-code-image').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.locator('[data-testid="inspection-table"] tbody tr[data-row-key]').count(), { timeout: 15_000 })
      .toBe(Math.min(unrated, 20));
    await page.getByTestId(`inspection-rate-${firstId}`).click();
    await page.getByTestId('rate-stars').waitFor();
    await page.locator('[data-testid="rate-stars"] li').nth(3).click();
    await page.getByTestId('rate-comment').fill('出示执法证，检查规范');
    const [rated] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/inspections/${firstId}/rating`), {
        timeout: 30_000,
      }),
      page.getByTestId('rate-submit').click(),
    ]);
    expect(rated.status()).toBe(200);
    // Rated, it leaves the list of those to rate; its rating is kept.
    await expect.poll(() => page.getByTestId(`inspection-rate-${firstId}`).count(), { timeout: 15_000 }).toBe(0);
    const all = await enterpriseApi.json<{ items: { id: number; rating: number | null; ratingComment: string | null }[] }>(
      'GET',
      '/api/v1/inspections?rated=true&pageSize=100',
    );
    expect(all.items.find((i) => i.id === firstId)).toMatchObject({ rating: 4, ratingComment: '出示执法证，检查规范' });

    await page.getByTestId('inspection-report').click();
    await page.getByTestId('report-description').waitFor();
    await pickOption(page, 'report-department', '衡阳市应急管理局', '应急');
    await page.getByTestId('report-description').fill('两名人员未扫码、未出示执法证件进入车间检查');
    const [reported] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/inspections/cases'), { timeout: 30_000 }),
      page.getByTestId('report-submit').click(),
    ]);
    expect(reported.status(), await reported.text()).toBe(201);
    caseId = ((await reported.json()) as { id: number }).id;
    await page.getByTestId('case-table').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator(`[data-testid="case-table"] tr[data-row-key="${caseId}"]`).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'inspections-enterprise-cases');
  });

  it('the operator closes the case; the city’s figures count the visits, the case and the rating; the list exports', async () => {
    const { page } = browser;
    await as(page, 'operator');
    await page.goto(`${baseUrl()}/inspections?tab=cases`);
    await page.getByTestId(`case-close-${caseId}`).click({ timeout: 15_000 });
    await page.getByTestId('case-finding-substantiated').check();
    await page.getByTestId('case-conclusion').fill('情况属实，已约谈市应急管理局并责令整改');
    const [closed] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/inspections/cases/${caseId}/close`), {
        timeout: 30_000,
      }),
      page.getByTestId('case-close-submit').click(),
    ]);
    expect(closed.status()).toBe(200);
    await expect.poll(() => page.getByTestId(`case-close-${caseId}`).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => text(page, `case-result-${caseId}`), { timeout: 15_000 }).toContain('已约谈市应急管理局');
    // The filter lives in the URL with the tab: a reload shows the same list.
    await pickOption(page, 'case-filter-status', '已办结');
    await expect.poll(() => new URL(page.url()).search).toBe('?status=closed&tab=cases');
    await page.reload();
    await expect.poll(() => page.locator(`[data-testid="case-table"] tr[data-row-key="${caseId}"]`).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('case-filter-status').textContent()).toContain('已办结');

    await page.goto(`${baseUrl()}/inspections/supervision`);
    await expect.poll(() => text(page, `stats-over-limit-${marketId}`), { timeout: 15_000 }).toBe('1');
    const year = Number(new Date().toISOString().slice(0, 4));
    const stats = await operator.json<{ rows: { departmentId: number; total: number; rated: number; overLimit: number }[] }>(
      'GET',
      `/api/v1/inspections/stats?year=${year}`,
    );
    expect(stats.rows.find((r) => r.departmentId === marketId)).toMatchObject({ total: 2, overLimit: 1, rated: 1 });
    await screenshot(page, 'inspections-supervision');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await operator.bytes(`/api/v1/inspections/export?year=${year}&departmentId=${marketId}`)) as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(2).value).toBe(ENTERPRISE);
    expect(pageErrors).toEqual([]);
  });
});
