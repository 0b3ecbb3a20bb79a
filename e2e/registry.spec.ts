import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate, usccCheckCharacter } from '../src/contracts/index.js';
import { baseUrl, openBrowser, pickOption, screenshot, signIn, typeDate } from './browser.js';
import { ApiClient } from './http.js';

/**
 * Deal filing (招商项目备案) and the funnel in the browser, against the demo server: a county
 * files a signed deal on the form (a wrong credit-code check character is caught first), moves
 * it through the stages to landing (which creates the registry project) and sees the funnel
 * count it; an import with bad rows lists each bad cell and writes nothing; a filtered list
 * exported to Excel imports again with nothing changed; the city settles a deal filed twice.
 * The project list keeps its filter, order and page in the URL across a visit to a project.
 */
let browser: Awaited<ReturnType<typeof openBrowser>>;
let county: ApiClient;
let dir: string;
const SUFFIX = Date.now().toString(36);
const PROJECT = `端到端电子信息项目${SUFFIX}`;
const TODAY = shanghaiDate(new Date());

interface Deal {
  id: number;
  projectName: string;
  stage: string;
  duplicateStatus: string;
  projectId: number | null;
  version: number;
}
interface FunnelCounts {
  total: { cohortCount: number; stages: Record<string, { reachedCount: number }> };
}

/** A valid credit code: 17 characters and the check character GB 32100 gives them. */
function uscc(body: string): string {
  const prefix = `91430405${body}`.slice(0, 17);
  return `${prefix}${usccCheckCharacter(prefix)}`;
}
const INVESTOR_USCC = uscc(`E2E${SUFFIX.toUpperCase()}`.replace(/[^0-9A-HJ-NPQRTUWXY]/g, '0').padEnd(9, '0'));
/** The same code with another check character: refused with the reason. */
const WRONG_USCC = `${INVESTOR_USCC.slice(0, 17)}${INVESTOR_USCC.endsWith('1') ? '2' : '1'}`;

beforeAll(async () => {
  browser = await openBrowser();
  county = await ApiClient.signIn('zhuhui');
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'juli-e2e-registry-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function as(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, username);
}

const digits = async (page: Page, testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/\D/g, ''));

async function funnelOfCounty(): Promise<FunnelCounts> {
  return await county.json<FunnelCounts>(
    'GET',
    `/api/v1/deals/funnel?cohortFrom=${TODAY.slice(0, 4)}-01-01&cohortTo=${TODAY}&asOf=${TODAY}`,
  );
}

async function uploadThroughPage(page: Page, file: string): Promise<string> {
  await page.getByTestId('deal-import').setInputFiles(file);
  const progress = page.getByTestId('import-progress');
  await expect.poll(async () => progress.getAttribute('data-phase'), { timeout: 120_000 }).toMatch(/succeeded|failed/);
  return (await progress.getAttribute('data-phase')) ?? '';
}

describe('deal filing and the funnel (招商项目备案)', () => {
  let dealId = 0;

  it('a county files a deal on the form, moves it to landing, and the funnel counts it', async () => {
    const before = await funnelOfCounty();
    const { page } = browser;
    await as(page, 'zhuhui');
    await page.goto(`${baseUrl()}/deals/funnel`);
    await page.getByTestId('funnel-cohort-count').waitFor({ timeout: 30_000 });
    expect(await digits(page, 'funnel-cohort-count')).toBe(before.total.cohortCount);

    await page.goto(`${baseUrl()}/deals`);
    await page.getByTestId('deal-create').click();
    await page.getByTestId('deal-form-drawer').waitFor();
    await page.getByTestId('deal-project-name').fill(PROJECT);
    await page.getByTestId('deal-investor').fill(`端到端投资有限公司${SUFFIX}`);
    // A wrong check character is refused as soon as the field is left, with the reason.
    await page.getByTestId('deal-investor-uscc').fill(WRONG_USCC);
    await page.getByTestId('deal-project-name').click();
    await expect
      .poll(async () => (await page.getByTestId('deal-form').locator('.ant-form-item-explain-error').allTextContents()).join(' '))
      .toMatch(/校验|统一社会信用代码/);
    await page.getByTestId('deal-investor-uscc').fill(INVESTOR_USCC);
    await page.locator('input[data-testid="deal-amount"], [data-testid="deal-amount"] input').first().fill('12000');
    await pickOption(page, 'deal-industry', '计算机、通信和其他电子设备制造业', '计算机');
    await pickOption(page, 'deal-source', '国内企业');
    await typeDate(page, 'deal-signed-on', TODAY);
    await screenshot(page, 'deal-form');
    await page.getByTestId('deal-submit').click();
    await page.getByTestId('deal-form-drawer').waitFor({ state: 'hidden', timeout: 30_000 });

    const filed = await county.json<{ items: Deal[] }>('GET', `/api/v1/deals?q=${encodeURIComponent(PROJECT)}`);
    expect(filed.items).toHaveLength(1);
    dealId = filed.items[0]!.id;
    expect(filed.items[0]).toMatchObject({ stage: 'signed', projectId: null });

    // Signed → fulfilling → landed, each dated with its evidence; landing creates the project.
    await page.goto(`${baseUrl()}/deals/${dealId}`);
    for (const [stage, label, evidence] of [
      ['fulfilling', '履约', '营业执照已办理'],
      ['landed', '落地', '首期资本金已到位'],
    ] as const) {
      await page.getByTestId('deal-transition').click();
      await pickOption(page, 'transition-stage', label);
      await page.getByTestId('transition-evidence').fill(evidence);
      await page.getByTestId('transition-submit').click();
      await expect.poll(async () => (await county.json<Deal>('GET', `/api/v1/deals/${dealId}`)).stage, { timeout: 15_000 }).toBe(stage);
    }
    await page.getByTestId('deal-project-link').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await page.getByTestId('deal-history').textContent()) ?? '').toContain('首期资本金已到位');
    await screenshot(page, 'deal-landed');

    // The funnel: one more in the cohort, one more landed.
    await page.goto(`${baseUrl()}/deals/funnel`);
    await page.getByTestId('funnel-cohort-count').waitFor({ timeout: 30_000 });
    await expect.poll(() => digits(page, 'funnel-cohort-count'), { timeout: 15_000 }).toBe(before.total.cohortCount + 1);
    await expect
      .poll(() => digits(page, 'funnel-reached-landed'), { timeout: 15_000 })
      .toBe((before.total.stages.landed?.reachedCount ?? 0) + 1);
    await screenshot(page, 'deal-funnel');
    // The figure opens the deals behind it, ours among them.
    await page.getByTestId('funnel-reached-landed').click();
    await page.getByTestId('deal-drill').waitFor();
    await expect.poll(async () => (await page.getByTestId('deal-table').textContent()) ?? '', { timeout: 15_000 }).toContain(PROJECT);
  });

  it('an import with bad rows lists every bad cell with its reason and writes nothing', async () => {
    // The county's own list exported, two cells spoiled: a wrong check character, a negative amount.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await county.bytes('/api/v1/deals/export')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers: string[] = [];
    sheet.getRow(1).eachCell((cell, at) => {
      headers[at] = cell.text;
    });
    const column = (name: string) => {
      const at = headers.findIndex((h) => h?.startsWith(name));
      if (at < 1) throw new Error(`no column ${name} in ${headers.join(' | ')}`);
      return at;
    };
    expect(sheet.rowCount).toBeGreaterThanOrEqual(3);
    const usccColumn = column('投资方统一社会信用代码');
    const amountColumn = column('合同投资额');
    sheet.getRow(2).getCell(usccColumn).value = WRONG_USCC;
    sheet.getRow(3).getCell(amountColumn).value = -5;
    const file = path.join(dir, '招商项目-有错误.xlsx');
    await fs.writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const before = await county.json<{ items: Deal[]; total: number }>('GET', '/api/v1/deals?pageSize=100');

    const { page } = browser;
    await as(page, 'zhuhui');
    await page.goto(`${baseUrl()}/deals`);
    expect(await uploadThroughPage(page, file)).toBe('failed');
    const errors = (await page.getByTestId('import-errors').textContent()) ?? '';
    const cell = (columnNumber: number, row: number) => `${sheet.getRow(row).getCell(columnNumber).address}`;
    expect(errors).toContain(cell(usccColumn, 2));
    expect(errors).toContain(cell(amountColumn, 3));
    expect(await page.getByTestId('import-progress').textContent()).toContain('全部不写入');
    await screenshot(page, 'deal-import-errors');
    await page.keyboard.press('Escape');

    const after = await county.json<{ items: Deal[]; total: number }>('GET', '/api/v1/deals?pageSize=100');
    expect(after.total).toBe(before.total);
    expect(after.items.map((d) => [d.id, d.version])).toEqual(before.items.map((d) => [d.id, d.version]));
  });

  it('a filtered list exported to Excel imports again with nothing changed', async () => {
    const { page } = browser;
    await as(page, 'zhuhui');
    await page.goto(`${baseUrl()}/deals?q=${encodeURIComponent(PROJECT)}`);
    await expect.poll(async () => (await page.getByTestId('deal-table').textContent()) ?? '', { timeout: 15_000 }).toContain(PROJECT);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('deal-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.readFile(file);
    expect(exported.worksheets[0]!.actualRowCount).toBe(2); // the headers and our one deal

    expect(await uploadThroughPage(page, file)).toBe('succeeded');
    expect(await digits(page, 'import-unchanged')).toBe(1);
    expect(await digits(page, 'import-created')).toBe(0);
    expect(await digits(page, 'import-updated')).toBe(0);
    await page.keyboard.press('Escape');
    const deal = await county.json<Deal>('GET', `/api/v1/deals/${dealId}`);
    expect(deal).toMatchObject({ stage: 'landed', projectName: PROJECT });
  });

  it('the same investor and project filed by two units: the city sees the group and keeps one', async () => {
    const other = await ApiClient.signIn('leiyang');
    const filing = {
      projectName: `重复备案项目${SUFFIX}`,
      investorName: `重复投资有限公司${SUFFIX}`,
      contractedAmount: '8000',
      industryCode: '39',
      source: 'domestic',
      signedOn: TODAY,
    };
    const first = await county.json<Deal>('POST', '/api/v1/deals', filing);
    const second = await other.json<Deal>('POST', '/api/v1/deals', filing);
    expect(second.duplicateStatus).toBe('flagged');

    const { page } = browser;
    // The county sees its filing flagged, and that the rest of the group is the city's to settle.
    await as(page, 'zhuhui');
    await page.goto(`${baseUrl()}/deals/${first.id}`);
    await expect
      .poll(async () => (await page.getByTestId('deal-duplicates').textContent()) ?? '', { timeout: 15_000 })
      .toContain('市级裁定');

    await as(page, 'operator');
    await page.goto(`${baseUrl()}/deals/${second.id}`);
    await expect
      .poll(async () => (await page.getByTestId('deal-duplicates').textContent()) ?? '', { timeout: 15_000 })
      .toContain(String(first.id));
    await page.getByTestId('deal-settle').click();
    await page.getByTestId(`settle-option-${first.id}`).click();
    await screenshot(page, 'deal-settle');
    await page.getByTestId('settle-submit').click();
    await expect.poll(async () => (await page.getByTestId('duplicate-excluded').count()) > 0, { timeout: 15_000 }).toBe(true);
    expect(await other.json<Deal>('GET', `/api/v1/deals/${second.id}`)).toMatchObject({ duplicateStatus: 'excluded' });
    expect(await county.json<Deal>('GET', `/api/v1/deals/${first.id}`)).toMatchObject({ duplicateStatus: 'kept' });
  });
});

describe('the project list (项目库)', () => {
  interface ProjectPage {
    total: number;
    items: { id: number; name: string }[];
  }
  const firstName = async (page: Page) =>
    (
      (await page.getByTestId('project-table').locator('.ant-table-tbody tr.ant-table-row').first().locator('td').first().textContent()) ??
      ''
    ).trim();

  it('keeps its filter, order and page in the URL: a project opened and the back button give the same list', async () => {
    const operator = await ApiClient.signIn('operator');
    const secondPage = await operator.json<ProjectPage>('GET', '/api/v1/projects?stage=under_construction&page=2&pageSize=20');
    expect(secondPage.total).toBeGreaterThan(20); // the demo has hundreds under construction
    const { page } = browser;
    await as(page, 'operator');
    await page.goto(`${baseUrl()}/projects`);
    await page.getByTestId('project-table').locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });
    await pickOption(page, 'project-search-stage', '在建');
    await page.getByTestId('search-submit').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('stage')).toBe('under_construction');
    // The filtered list has arrived (its total shown) before its second page is asked for.
    await expect
      .poll(async () => ((await page.locator('.ant-pagination-total-text').textContent()) ?? '').replace(/\D/g, ''), { timeout: 15_000 })
      .toBe(String(secondPage.total));
    await page.locator('.ant-pagination-item-2').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBe('2');
    await expect.poll(() => firstName(page), { timeout: 15_000 }).toBe(secondPage.items[0]!.name);

    // Open the first project of that page, then come back: the same list, the form as it was.
    await page.getByTestId('project-table').getByRole('link', { name: secondPage.items[0]!.name, exact: true }).first().click();
    await page.waitForURL(new RegExp(`/projects/${secondPage.items[0]!.id}`));
    await page.goBack();
    await expect.poll(() => firstName(page), { timeout: 15_000 }).toBe(secondPage.items[0]!.name);
    expect(new URL(page.url()).searchParams.toString()).toBe('stage=under_construction&page=2');
    expect(await page.getByTestId('project-search-stage').textContent()).toContain('在建');
    await expect.poll(async () => (await page.locator('.ant-pagination-item-active').textContent())?.trim()).toBe('2');

    // A link with an order opens the list in that order, the column marked so.
    const byInvestment = await operator.json<ProjectPage>('GET', '/api/v1/projects?stage=under_construction&sort=-totalInvestment');
    await page.goto(`${baseUrl()}/projects?stage=under_construction&sort=-totalInvestment`);
    await expect.poll(() => firstName(page), { timeout: 15_000 }).toBe(byInvestment.items[0]!.name);
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('总投资');
    await screenshot(page, 'registry-project-list-url');
  });
});
