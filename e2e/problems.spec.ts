import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, openBrowser, pickOption, screenshot, signIn } from './browser.js';
import { ApiClient } from './http.js';

/**
 * Problem lists (清单管理·限时督办) and enterprise appeals (企业诉求) as people use them, in
 * headless Chromium against the demo server: a unit raises a problem, the city assigns it to a
 * department, the department takes it on and resolves it with evidence, the unit confirms it;
 * an enterprise raises an appeal, the department accepts, answers and resolves it, the
 * enterprise rates it; and on a phone-width screen: raising, handling and confirming a problem,
 * and rating an appeal.
 */
let browser: Awaited<ReturnType<typeof openBrowser>>;
let operator: ApiClient;
const NATRES = '衡阳市自然资源和规划局';
const SUFFIX = Date.now().toString(36);

beforeAll(async () => {
  browser = await openBrowser();
  operator = await ApiClient.signIn('operator');
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await screenshot(browser.page, `problems-failed-${context.task.name.slice(0, 24)}`);
});
afterAll(async () => {
  await browser?.close();
});

/** A 1×1 PNG, for the evidence upload. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Sign in as another user: the old session cookie is dropped (the pages of one context share it). */
async function as(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, username);
}

async function statusOf(page: Page): Promise<string | null> {
  return await page.getByTestId('problem-overview').getByTestId('problem-status').getAttribute('data-status');
}

async function run(page: Page, command: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`command-${command}`).click();
  await page.getByTestId(`command-drawer-${command}`).waitFor();
  await fill?.();
  await page.getByTestId('command-submit').click();
  await page.getByTestId(`command-drawer-${command}`).waitFor({ state: 'hidden' });
}

/** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
async function fitsWidth(page: Page): Promise<boolean> {
  return await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

async function natresId(): Promise<number> {
  const units = await operator.json<{ items: { id: number; nameZh: string }[] }>(
    'GET',
    `/api/v1/org/units?q=${encodeURIComponent(NATRES)}`,
  );
  const found = units.items.find((unit) => unit.nameZh === NATRES);
  if (!found) throw new Error(`${NATRES} not found`);
  return found.id;
}

function idFromUrl(page: Page, kind: 'problems' | 'appeals'): number {
  const match = new RegExp(`/${kind}/(\\d+)$`).exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`not on a ${kind} detail page: ${page.url()}`);
  return Number(match[1]);
}

describe('problem lists and appeals', () => {
  it('a unit raises a problem, the city assigns it, the department resolves it, the unit confirms', async () => {
    const { page } = browser;
    const title = `用地指标未落实 ${SUFFIX}`;
    await as(page, 'zhuhui');
    await page.goto(`${baseUrl()}/problems`);
    await page.getByTestId('problem-raise').click();
    await page.getByTestId('problem-raise-drawer').waitFor();
    // Submitting empty shows the contract's Chinese messages on the fields.
    await page.getByTestId('problem-subject').getByText('单位（跨项目）').click();
    await page.getByTestId('problem-raise-submit').click();
    await expect
      .poll(async () => (await page.getByTestId('problem-raise-drawer').textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/必填|不能为空|请/);
    await pickOption(page, 'problem-category', '用地');
    await page.getByTestId('problem-title').fill(title);
    await page.getByTestId('problem-description').fill('珠晖区某产业园二期用地指标尚未落实，影响项目按期开工。');
    await page.getByTestId('problem-measures').fill('协调市自然资源和规划局调剂用地指标\n完成用地预审');
    await screenshot(page, 'problem-raise');
    await page.getByTestId('problem-raise-submit').click();
    await page.waitForURL(/\/problems\/\d+$/, { timeout: 15_000 });
    const id = idFromUrl(page, 'problems');
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('raised');
    // The unit may not assign: the server says so through `allowed`.
    expect(await page.getByTestId('command-assign').count()).toBe(0);

    await as(page, 'operator');
    // The workbench counts what waits for the city, and its line opens the list it counted.
    const raised = (await operator.json<{ total: number }>('GET', '/api/v1/problems?status=raised&pageSize=1')).total;
    expect(raised).toBeGreaterThan(0);
    await page.goto(`${baseUrl()}/`);
    const toAssign = page.getByTestId('todo-problemsToAssign');
    await expect.poll(async () => await toAssign.getAttribute('data-count'), { timeout: 15_000 }).toBe(String(raised));
    await toAssign.getByRole('link').click();
    await page.waitForURL(/\/problems\?status=raised$/);
    await page.getByTestId(`problem-link-${id}`).click();
    await page.waitForURL(new RegExp(`/problems/${id}$`));
    await run(page, 'assign', async () => {
      await pickOption(page, 'command-lead-unit', NATRES, NATRES.slice(0, 6));
      await page.getByTestId('command-lead-person').fill('陈静');
    });
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('assigned');
    expect(await page.getByTestId('problem-responsibility').textContent()).toContain(NATRES);

    await as(page, 'natres');
    await page.goto(`${baseUrl()}/problems/${id}`);
    await run(page, 'start', async () => {
      expect(await page.getByTestId('command-measures').inputValue()).toContain('完成用地预审');
    });
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('in_progress');
    await page.getByTestId('file-input').setInputFiles({ name: '用地预审批复.png', mimeType: 'image/png', buffer: PNG });
    await expect
      .poll(
        async () =>
          (await page
            .getByTestId('problem-files')
            .textContent()
            .catch(() => '')) ?? '',
        { timeout: 15_000 },
      )
      .toContain('用地预审批复.png');
    await run(page, 'resolve', async () => {
      await page.getByTestId('command-evidence').fill('已调剂用地指标 120 亩，用地预审批复见附件。');
      await page.getByTestId('command-drawer-resolve').getByText('完成用地预审').click();
    });
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('resolved');
    expect(await page.getByTestId('problem-timeline').textContent()).toContain('已调剂用地指标');
    expect(await page.getByTestId('problem-measures-list').textContent()).toContain('已完成');
    await screenshot(page, 'problem-resolved');

    // The raiser hears of it in the inbox and confirms from there.
    await as(page, 'zhuhui');
    await expect
      .poll(async () => Number(await page.getByTestId('inbox-badge').getAttribute('data-count')), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.getByTestId('inbox-bell').click();
    await page.waitForURL(/\/notifications$/);
    const item = page.getByTestId('inbox-list').locator('.ant-list-item').filter({ hasText: title }).first();
    await item.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(new RegExp(`/problems/${id}$`));
    await run(page, 'confirm');
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('confirmed');
    expect(await page.getByTestId('command-reopen').count()).toBe(0);

    // The metrics count it as closed for the lead department, and drill down to it.
    await page.goto(`${baseUrl()}/problems/metrics`);
    await page.getByTestId('metrics-table-lead').getByText(NATRES).waitFor({ timeout: 15_000 });
    await screenshot(page, 'problem-metrics');
    const row = page.getByTestId('metrics-table-lead').locator('tr').filter({ hasText: NATRES });
    await row.locator('[data-testid$="-closed"]').click();
    await page.waitForURL(/\/problems\?leadUnitId=\d+&state=closed$/);
    await page.getByTestId(`problem-link-${id}`).waitFor({ timeout: 15_000 });

    // The list as filtered, exported: the three lists of the item in one row of a real workbook.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('problem-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^问题清单-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const rows: string[] = [];
    book.worksheets[0]!.eachRow((row) => {
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => String(v ?? ''))
          .join('|'),
      );
    });
    const ours = rows.find((r) => r.includes(title));
    expect(ours).toContain('已销号');
    expect(ours).toContain('完成用地预审');
    expect(ours).toContain(NATRES);
  });

  it('an enterprise raises an appeal, the department handles it, the enterprise rates it', async () => {
    const { page } = browser;
    const title = `融资担贷款审批慢 ${SUFFIX}`;
    await as(page, 'enterprise');
    await page.goto(`${baseUrl()}/appeals`);
    await page.getByTestId('appeal-raise').click();
    await page.getByTestId('appeal-raise-drawer').waitFor();
    await pickOption(page, 'appeal-category', '融资');
    await page.getByTestId('appeal-title').fill(title);
    await page.getByTestId('appeal-description').fill('技改项目贷款申请已提交两个月，仍未获批，请协调。');
    await page.getByTestId('appeal-raise-submit').click();
    await page.waitForURL(/\/appeals\/\d+$/, { timeout: 15_000 });
    const id = idFromUrl(page, 'appeals');
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('raised');

    // The city routes it to the department (转办).
    await as(page, 'operator');
    await page.goto(`${baseUrl()}/appeals/${id}`);
    await run(page, 'route', async () => {
      await pickOption(page, 'command-lead-unit', NATRES, NATRES.slice(0, 6));
    });
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('assigned');
    expect(await page.getByTestId('problem-responsibility').textContent()).toContain(NATRES);

    await as(page, 'natres');
    await page.goto(`${baseUrl()}/appeals`);
    await page.getByTestId(`problem-link-${id}`).click();
    await page.waitForURL(new RegExp(`/appeals/${id}$`));
    await run(page, 'accept');
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('in_progress');
    await run(page, 'reply', async () => {
      await page.getByTestId('command-text').fill('已联系合作银行，本周内完成审批。');
    });
    await run(page, 'resolve', async () => {
      await page.getByTestId('command-evidence').fill('贷款已于本周获批并放款。');
    });
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('resolved');

    await as(page, 'enterprise');
    await page.goto(`${baseUrl()}/appeals/${id}`);
    expect(await page.getByTestId('problem-timeline').textContent()).toContain('已联系合作银行');
    await run(page, 'rate', async () => {
      await page.getByTestId('command-rating').getByText('基本满意').click();
      await page.getByTestId('command-comment').fill('问题已解决，希望流程更快。');
    });
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('confirmed');
    expect(await page.getByTestId('problem-overview').getByTestId('appeal-rating').textContent()).toBe('基本满意');
    // An appeal may be reopened once, also after it was rated.
    expect(await page.getByTestId('command-reopen').count()).toBe(1);
    await screenshot(page, 'appeal-rated');
  });

  it('an escalated item shows its ladder and downloads its supervision notice (督办函) as .docx', async () => {
    // Escalations come from the scheduler; the demo leaves overdue items of 2022 escalated.
    const escalated = await operator.json<{ items: { id: number }[] }>('GET', '/api/v1/problems?escalatedTo=unit&pageSize=1');
    const first = escalated.items[0];
    expect(first).toBeDefined();
    const { page } = browser;
    await as(page, 'operator');
    await page.goto(`${baseUrl()}/problems/${first!.id}`);
    const notice = page.getByTestId('problem-escalations').locator('[data-testid^="notice-"]').first();
    await notice.waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), notice.click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await download.path();
    const xml = await (await JSZip.loadAsync(await fs.readFile(file))).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('督办');
    await screenshot(page, 'problem-escalated');
  });

  it('on a phone-width screen (375px) a problem is raised, handled and confirmed', async () => {
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width: 375, height: 740 });
      await as(page, 'zhuhui');
      await page.goto(`${baseUrl()}/problems`);
      // Cards, not a wide table, under the md breakpoint.
      await page.getByTestId('problem-cards').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('problem-table').count()).toBe(0);
      await page.getByTestId('problem-raise').click();
      const drawer = page.locator('.ant-drawer-content-wrapper').filter({ has: page.getByTestId('problem-raise-submit') });
      await drawer.waitFor();
      // The whole screen, measured once the drawer has slid in (sub-pixel widths while it moves).
      await expect.poll(async () => Math.round((await drawer.boundingBox())?.width ?? 0), { timeout: 10_000 }).toBe(375);
      const form = page.getByTestId('problem-raise-drawer');
      expect(await form.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await page.getByTestId('problem-subject').getByText('单位（跨项目）').click();
      await pickOption(page, 'problem-category', '水电气');
      await page.getByTestId('problem-title').fill(`供电线路迁改 ${SUFFIX}`);
      await page.getByTestId('problem-description').fill('园区 10kV 线路迁改进度滞后。');
      const submit = page.getByTestId('problem-raise-submit');
      const box = (await submit.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      await screenshot(page, 'problem-raise-375');
      await submit.click();
      await page.waitForURL(/\/problems\/\d+$/, { timeout: 15_000 });
      await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('raised');
      await screenshot(page, 'problem-detail-375');
      const id = idFromUrl(page, 'problems');

      // The city assigns it (set-up); the department handles it on the phone, the unit confirms there.
      const natres = await natresId();
      const raised = await operator.json<{ version: number }>('GET', `/api/v1/problems/${id}`);
      await operator.json('POST', `/api/v1/problems/${id}/assign`, { version: raised.version, leadUnitId: natres });
      await as(page, 'natres');
      await page.goto(`${baseUrl()}/problems/${id}`);
      // Raised without measures: the department writes them when it takes the item on.
      await run(page, 'start', async () => {
        await page.getByTestId('command-measures').fill('协调供电公司加快线路迁改');
        expect(await fitsWidth(page)).toBe(true);
      });
      await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('in_progress');
      await run(page, 'resolve', async () => {
        await page.getByTestId('command-evidence').fill('线路迁改已完成，已恢复送电。');
        expect(await fitsWidth(page)).toBe(true);
        await screenshot(page, 'problem-resolve-375');
      });
      await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('resolved');
      await as(page, 'zhuhui');
      await page.goto(`${baseUrl()}/problems/${id}`);
      await run(page, 'confirm', async () => expect(await fitsWidth(page)).toBe(true));
      await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('confirmed');
      expect(await fitsWidth(page)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('on a phone-width screen (375px) the enterprise rates the answer to its appeal', async () => {
    // Set-up through the API: raised, routed, accepted and resolved.
    const enterprise = await ApiClient.signIn('enterprise');
    const natres = await ApiClient.signIn('natres');
    const raised = await enterprise.json<{ id: number; version: number }>('POST', '/api/v1/appeals', {
      category: 'other',
      title: `厂区道路照明 ${SUFFIX}`,
      description: '厂区外道路夜间无照明，员工通勤不便。',
    });
    const id = raised.id;
    const step = async (client: ApiClient, command: string, body: Record<string, unknown>) => {
      const current = await client.json<{ version: number }>('GET', `/api/v1/appeals/${id}`);
      await client.json('POST', `/api/v1/appeals/${id}/${command}`, { version: current.version, ...body });
    };
    await step(operator, 'route', { leadUnitId: await natresId() });
    await step(natres, 'accept', {});
    await step(natres, 'resolve', { evidence: '已协调安装路灯 12 盏。' });

    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width: 375, height: 740 });
      await as(page, 'enterprise');
      await page.goto(`${baseUrl()}/appeals/${id}`);
      await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('resolved');
      expect(await fitsWidth(page)).toBe(true);
      await run(page, 'rate', async () => {
        await page.getByTestId('command-rating').getByText('满意', { exact: true }).click();
        expect(await fitsWidth(page)).toBe(true);
        await screenshot(page, 'appeal-rate-375');
      });
      await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('confirmed');
      expect(await page.getByTestId('problem-overview').getByTestId('appeal-rating').textContent()).toBe('满意');
    } finally {
      await page.close();
    }
  });
});

describe('problem list settings (问题清单配置)', () => {
  interface Settings {
    version: number;
    problemCategories: { key: string; limitDays: number }[];
    escalation: { unitAfter: number; departmentAfter: number; leaderAfter: number };
  }
  interface Calendar {
    origin: string;
    source: string;
    holidays: { name: string; from: string; to: string }[];
    coveredYears: number[];
  }
  const input = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);
  /** The error texts shown in one form (both tabs' forms stay on the page). */
  const errors = async (page: Page, form: string) =>
    (await page.getByTestId(form).locator('.ant-form-item-explain-error').allTextContents()).join('|');

  it('the operator changes a time limit, and enters a year of holidays on the working-day calendar', async () => {
    const { page } = browser;
    const before = await operator.json<Settings>('GET', '/api/v1/problems/settings');
    try {
      await as(page, 'operator');
      await page.goto(`${baseUrl()}/settings/problems`);
      const limit = input(page, 'problem-category-limit').first();
      await limit.waitFor({ timeout: 15_000 });
      const first = before.problemCategories[0]!;
      expect(await limit.inputValue()).toBe(String(first.limitDays));
      await limit.fill(String(first.limitDays + 5));
      await page.getByTestId('problem-settings-save').click();
      await expect
        .poll(async () => (await operator.json<Settings>('GET', '/api/v1/problems/settings')).problemCategories[0]!.limitDays, {
          timeout: 15_000,
        })
        .toBe(first.limitDays + 5);
      // A ladder out of order is refused with its reason, and nothing is saved.
      await input(page, 'escalation-unit').fill(String(before.escalation.departmentAfter + 1));
      await page.getByTestId('problem-settings-save').click();
      await expect.poll(() => errors(page, 'problem-settings-form'), { timeout: 10_000 }).toContain('逐级递增');
      expect((await operator.json<Settings>('GET', '/api/v1/problems/settings')).escalation).toEqual(before.escalation);

      await page.getByRole('tab', { name: '工作日历' }).click();
      const next = new Date().getFullYear() + 1;
      const shown = await operator.json<Calendar>('GET', `/api/v1/problems/calendar?year=${next - 1}`);
      // Next year's notice not entered yet: the page says so (and offers to enter it).
      if (!shown.coveredYears.includes(next)) await page.getByTestId('calendar-next-missing').waitFor({ timeout: 15_000 });
      // A year nobody entered, from its notice: the holidays' names are there, their dates to fill in.
      const year = 2040;
      expect((await operator.json<Calendar>('GET', `/api/v1/problems/calendar?year=${year}`)).origin).toBe('none');
      const picker = input(page, 'calendar-year').first();
      await picker.click();
      await picker.fill(String(year));
      await picker.press('Enter');
      await expect.poll(async () => page.getByTestId('calendar-origin').getAttribute('data-origin'), { timeout: 15_000 }).toBe('none');
      const rows = page.getByTestId('calendar-holidays').locator('tbody tr.ant-table-row');
      expect(await rows.count()).toBe(7);
      await page.getByTestId('calendar-save').click();
      await expect.poll(() => errors(page, 'calendar-form'), { timeout: 10_000 }).toContain('必填');
      expect((await operator.json<Calendar>('GET', `/api/v1/problems/calendar?year=${year}`)).origin).toBe('none');
      // Only New Year's Day kept, its date filled in.
      while ((await rows.count()) > 1) await rows.nth(1).getByRole('button').click();
      await input(page, 'calendar-source').fill(`国务院办公厅关于${year}年部分节假日安排的通知`);
      for (const testId of ['calendar-holiday-from', 'calendar-holiday-to']) {
        const date = input(page, testId).first();
        await date.click();
        await date.fill(`${year}-01-02`);
        await date.press('Enter');
      }
      // What was filled in is no longer marked as missing.
      await expect.poll(() => errors(page, 'calendar-form'), { timeout: 10_000 }).toBe('');
      await page.getByTestId('calendar-save').click();
      await expect
        .poll(async () => (await operator.json<Calendar>('GET', `/api/v1/problems/calendar?year=${year}`)).holidays, { timeout: 15_000 })
        .toEqual([{ name: '元旦', from: `${year}-01-02`, to: `${year}-01-02` }]);
      await expect.poll(async () => page.getByTestId('calendar-origin').getAttribute('data-origin'), { timeout: 15_000 }).toBe('upload');
      await screenshot(page, 'problem-settings-calendar');
    } finally {
      // Put the limits back for whatever runs next.
      const { version } = await operator.json<Settings>('GET', '/api/v1/problems/settings');
      await operator.json('PUT', '/api/v1/problems/settings', { ...before, version });
    }
  });
});
