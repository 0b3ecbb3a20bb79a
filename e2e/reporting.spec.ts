import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, openBrowser, screenshot, signIn } from './browser.js';
import { ApiClient } from './http.js';

/**
 * The monthly rhythm in the browser (issue 4): a county fills its month on the grid and sees
 * its missing count fall; the city publishes the month and its briefing is a Word document;
 * the city locks the month; the county corrects a locked figure with a reason; the next
 * publication notes the correction. Months of 2023 (after the demo's history) so the demo's
 * published months are not touched.
 */
const MONTH = '2023-01';
const NEXT = '2023-02';

interface GridRow {
  projectId: number;
  investment: string | null;
  projectName: string;
  isStarted: boolean;
  status: 'missing' | 'submitted' | 'returned';
  lastMonth: string | null;
}

let browser: Awaited<ReturnType<typeof openBrowser>>;
let county: ApiClient;
let rows: GridRow[];

beforeAll(async () => {
  browser = await openBrowser();
  county = await ApiClient.signIn('zhuhui');
  rows = (await county.json<{ rows: GridRow[] }>('GET', `/api/v1/reports/grid?month=${MONTH}`)).rows;
});
afterAll(async () => {
  await browser?.close();
});

const missingCount = async (page: Page) =>
  Number(((await page.getByTestId('report-missing-count').textContent()) ?? '').replace(/\D/g, ''));

/** Sign in as another person: a fresh session (the sign-in page sends a signed-in user home). */
async function signInAs(username: string) {
  await browser.context.clearCookies();
  await signIn(browser.page, username);
}

/** Confirm the open Ant Design confirmation dialog with its primary button. */
async function confirmDialog(page: Page) {
  const ok = page.locator('.ant-modal-confirm-btns .ant-btn-primary, .ant-modal-confirm-btns .ant-btn-dangerous');
  await ok.last().click();
}

describe('the monthly rhythm in the browser', () => {
  it('a county fills its month on the grid and its missing count falls', async () => {
    const open = rows.filter((r) => r.isStarted && r.status === 'missing').slice(0, 2);
    expect(open.length).toBe(2);
    const { page } = browser;
    await signInAs('zhuhui');
    await page.goto(`${baseUrl()}/reports?month=${MONTH}`);
    await page.getByTestId(`cell-investment-${open[0]!.projectId}`).waitFor();
    const before = await missingCount(page);
    expect(before).toBeGreaterThanOrEqual(2);
    for (const row of open) {
      // Last month's figure (no jump); an explanation in case a check still warns.
      await page.getByTestId(`cell-investment-${row.projectId}`).fill(row.lastMonth && row.lastMonth !== '0' ? row.lastMonth : '100');
      await page.getByTestId(`cell-progressText-${row.projectId}`).fill('主体结构施工');
      await page.getByTestId(`cell-explanation-${row.projectId}`).fill('按合同进度支付');
    }
    await page.getByTestId('report-save').click();
    await expect.poll(() => missingCount(page), { timeout: 20_000 }).toBe(before - 2);
    await screenshot(page, 'reports-grid-saved');
    const saved = (await county.json<{ rows: GridRow[] }>('GET', `/api/v1/reports/grid?month=${MONTH}`)).rows;
    for (const row of open) expect(saved.find((r) => r.projectId === row.projectId)?.status).toBe('submitted');
  });

  it('the city publishes the month (a Word briefing) and locks it; the county corrects it with a reason; the next publication notes it', async () => {
    const { page } = browser;
    await signInAs('operator');
    await page.goto(`${baseUrl()}/boards?month=${MONTH}`);
    await page.getByTestId('boards-publish').click();
    await confirmDialog(page);
    await page.getByTestId('boards-published').waitFor({ timeout: 60_000 });
    const operator = await ApiClient.signIn('operator');
    const briefing = await operator.bytes(`/api/v1/boards/publications/${MONTH}/briefing`);
    const xml = await (await JSZip.loadAsync(briefing)).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('重大项目建设情况通报');
    // The 红黄榜 is frozen with it (as the lights stood on the month's last day): the page shows
    // both lists with the counts the API gives, and the briefing has its section.
    const { honours } = await operator.json<{ honours: { red: number; yellow: number } | null }>('GET', `/api/v1/boards?month=${MONTH}`);
    expect(honours).not.toBeNull();
    await page.getByTestId('boards-honours').waitFor();
    for (const list of ['red', 'yellow'] as const)
      expect(await page.getByTestId(`honours-${list}`).textContent()).toContain(`${honours![list]} 个项目`);
    expect(xml.replace(/<[^>]+>/g, '')).toContain('红黄榜');
    await screenshot(page, 'boards-honours');

    await page.goto(`${baseUrl()}/reports/missing?month=${MONTH}`);
    await page.getByTestId('missing-lock').click();
    await confirmDialog(page);
    await page.getByTestId('missing-locked').waitFor({ timeout: 20_000 });

    // The county corrects one of its figures: the grid asks for the reason.
    const target = (await county.json<{ rows: GridRow[] }>('GET', `/api/v1/reports/grid?month=${MONTH}`)).rows.find(
      (r) => r.status === 'submitted',
    )!;
    await signInAs('zhuhui');
    await page.goto(`${baseUrl()}/reports?month=${MONTH}`);
    await page.getByTestId('report-locked').waitFor();
    // A small addition: no check (jump, above the total) refuses it.
    const corrected = String(Number(target.investment) + 10);
    await page.getByTestId(`cell-investment-${target.projectId}`).fill(corrected);
    await page.getByTestId(`cell-explanation-${target.projectId}`).fill('补录漏报的设备购置款');
    await page.getByTestId('report-save').click();
    await page.getByTestId('correction-reason').fill('统计口径更正：设备购置款漏报');
    await page.locator('.ant-modal-footer .ant-btn-primary').last().click();
    await expect
      .poll(
        async () =>
          (await county.json<{ rows: GridRow[] }>('GET', `/api/v1/reports/grid?month=${MONTH}`)).rows.find(
            (r) => r.projectId === target.projectId,
          )?.investment,
        { timeout: 20_000 },
      )
      .toBe(corrected);

    // The next publication carries the correction of the published month.
    await signInAs('operator');
    await page.goto(`${baseUrl()}/boards?month=${NEXT}`);
    // Its preview links to the latest publication.
    await expect.poll(async () => (await page.getByTestId('boards-latest').textContent()) ?? '', { timeout: 30_000 }).toContain(MONTH);
    await page.getByTestId('boards-publish').click();
    await confirmDialog(page);
    await page.getByTestId('boards-published').waitFor({ timeout: 60_000 });
    const notes = page.getByTestId('boards-corrections');
    await notes.waitFor();
    expect(await notes.textContent()).toContain(MONTH);
    await screenshot(page, 'boards-correction-note');
    const next = await operator.json<{ corrections: { month: string; metric: string }[] }>('GET', `/api/v1/boards?month=${NEXT}`);
    expect(next.corrections.some((c) => c.month === MONTH && c.metric === 'completed')).toBe(true);
  });
});
