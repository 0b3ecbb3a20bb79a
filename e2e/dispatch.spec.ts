import fs from 'node:fs/promises';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DISPATCH_LIMITS, shanghaiDate } from '../src/contracts/index.js';
import { baseUrl, openBrowser, pickOption, screenshot, signIn, typeDate } from './browser.js';
import { ApiClient } from './http.js';

/**
 * Weekly dispatch (周调度) as the operator runs it, in headless Chromium against the demo:
 * a meeting from the proposed agenda (edited), its minutes (with a stale edit refused),
 * a decision handing out a task, the minutes as Word, the task on the problem list, and the
 * meeting edited afterwards (chair, attendees, agenda order) with its decisions following.
 */
let browser: Awaited<ReturnType<typeof openBrowser>>;
let operator: ApiClient;

interface AgendaItem {
  position: number;
  title: string;
  reason: string;
}
interface Meeting {
  id: number;
  heldOn: string;
  version: number;
  chair: string;
  attendees: string[];
  minutes: string | null;
  agenda: AgendaItem[];
  decisions: {
    text: string;
    agendaPosition: number | null;
    task: { problemId: number; status: string; leadUnitName: string | null; deadline: string | null } | null;
  }[];
}

const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await openBrowser();
  browser.page.on('pageerror', (error) => pageErrors.push(error.message));
  operator = await ApiClient.signIn('operator');
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    await screenshot(browser.page, `dispatch-failed-${context.task.name.slice(0, 20)}`);
    if (pageErrors.length) console.error('page errors:', pageErrors);
  }
});
afterAll(async () => {
  await browser?.close();
});

const FREE_ITEM = '冬季施工安全生产工作安排';
const MINUTES = '会议听取了红黄灯项目情况汇报。\n会议要求各单位倒排工期、挂图作战。';
const DECISION = '市自然资源和规划局两周内完成重点项目用地报批';

/** Add a free tag to a tags select: typed into the select's own search box, kept with Enter. */
async function addTag(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  await select.locator('input').first().fill(text);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await select.textContent()) ?? '', { timeout: 10_000 }).toContain(text);
}

async function rowCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('agenda-summary').textContent()) ?? '';
  return Number(/（(\d+) 项）/.exec(text)?.[1] ?? -1);
}

describe('weekly dispatch (周调度)', () => {
  let heldOn = shanghaiDate(new Date());
  let meetingId = 0;

  it('the operator records a meeting from the proposed agenda, edited before saving', async () => {
    const { page } = browser;
    // Today, or the first later day without a meeting (one meeting a day).
    const taken = new Set(
      (await operator.json<{ items: { heldOn: string }[] }>('GET', '/api/v1/dispatch/meetings?pageSize=200')).items.map((m) => m.heldOn),
    );
    while (taken.has(heldOn)) heldOn = new Date(Date.parse(`${heldOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const proposal = await operator.json<{ items: AgendaItem[] }>('GET', `/api/v1/dispatch/agenda-proposal?heldOn=${heldOn}`);
    await signIn(page, 'operator');
    await page.goto(`${baseUrl()}/dispatch`);
    await expect.poll(async () => (await page.getByTestId('page-title').textContent()) ?? '', { timeout: 15_000 }).toBe('周调度会议');
    await page.getByTestId('dispatch-create').click();
    if (heldOn !== shanghaiDate(new Date())) {
      await typeDate(page, 'meeting-held-on', heldOn, 'Enter');
    }
    // The proposal for today is loaded, with the reason of each item.
    await expect.poll(() => rowCount(page), { timeout: 60_000 }).toBe(proposal.items.length);
    // A long proposal: drop whole kinds (by the × on their tag) until it fits.
    let kept = proposal.items;
    for (const reason of ['yellow', 'overdue', 'red']) {
      if (kept.length < DISPATCH_LIMITS.agendaMax) break;
      const tag = page.getByTestId(`agenda-count-${reason}`);
      if (!(await tag.count())) continue;
      await tag.locator('.ant-tag-close-icon').click();
      kept = kept.filter((item) => item.reason !== reason);
      await expect.poll(() => rowCount(page), { timeout: 30_000 }).toBe(kept.length);
    }
    // Remove the first removable item, move the last one up.
    const removable = kept.find((item) => item.reason !== 'carried');
    if (removable) {
      await page.getByTestId(`agenda-remove-p${removable.position}`).click();
      await expect.poll(() => rowCount(page)).toBe(kept.length - 1);
    }
    let expected = kept.filter((item) => item !== removable).map((item) => item.title);
    const rest = kept.filter((item) => item !== removable);
    if (rest.length >= 2) {
      const last = rest.at(-1)!;
      await page.getByTestId(`agenda-up-p${last.position}`).click();
      expected = [...expected.slice(0, -2), last.title, expected.at(-2)!];
    }
    // A free item.
    await page.getByTestId('agenda-free-title').fill(FREE_ITEM);
    await page.getByTestId('agenda-add').click();
    expected.push(FREE_ITEM);
    await expect.poll(() => rowCount(page)).toBe(expected.length);

    await page.getByTestId('meeting-chair').fill('李副市长');
    for (const name of ['市发改委', '珠晖区']) await addTag(page, 'meeting-attendees', name);
    await screenshot(page, 'dispatch-new-meeting');
    await page.getByTestId('meeting-save').click();
    await page.waitForURL(/\/dispatch\/\d+$/, { timeout: 30_000 });
    meetingId = Number(/\/dispatch\/(\d+)$/.exec(page.url())?.[1]);
    await expect.poll(async () => (await page.getByTestId('meeting-date').textContent()) ?? '', { timeout: 15_000 }).toBe(heldOn);

    const meeting = await operator.json<Meeting>('GET', `/api/v1/dispatch/meetings/${meetingId}`);
    expect(meeting).toMatchObject({ heldOn, chair: '李副市长', attendees: ['市发改委', '珠晖区'] });
    expect(meeting.agenda.map((item) => item.title)).toEqual(expected);
    expect(meeting.agenda.at(-1)).toMatchObject({ title: FREE_ITEM, reason: 'manual' });
    // The list shows it.
    await page.goto(`${baseUrl()}/dispatch`);
    await expect.poll(async () => (await page.getByTestId(`meeting-link-${heldOn}`).count()) > 0, { timeout: 15_000 }).toBe(true);
    await page.getByTestId(`meeting-link-${heldOn}`).click();
    await page.waitForURL(new RegExp(`/dispatch/${meetingId}$`));
  });

  it('records the minutes; a stale edit gets the server’s conflict message and can be redone', async () => {
    const { page } = browser;
    await page.getByTestId('minutes-edit').click();
    await page.getByTestId('minutes-input').fill(MINUTES);
    await page.getByTestId('minutes-save').click();
    await expect.poll(async () => (await page.getByTestId('minutes-text').textContent()) ?? '', { timeout: 15_000 }).toContain('倒排工期');

    // Someone else saves while the operator edits.
    await page.getByTestId('minutes-edit').click();
    const current = await operator.json<Meeting>('GET', `/api/v1/dispatch/meetings/${meetingId}`);
    await operator.json('PATCH', `/api/v1/dispatch/meetings/${meetingId}`, { version: current.version, minutes: '他人补充的纪要。' });
    await page.getByTestId('minutes-input').fill(`${MINUTES}\n会议强调安全生产。`);
    await page.getByTestId('minutes-save').click();
    await expect
      .poll(async () => (await page.getByTestId('minutes-conflict').textContent()) ?? '', { timeout: 15_000 })
      .toContain('该记录已被他人修改');
    await screenshot(page, 'dispatch-minutes-conflict');
    await page.getByTestId('minutes-reload').click();
    await expect.poll(() => page.getByTestId('minutes-conflict').count()).toBe(0);
    await page.getByTestId('minutes-save').click();
    await expect.poll(async () => (await page.getByTestId('minutes-text').textContent()) ?? '', { timeout: 15_000 }).toContain('安全生产');
    expect((await operator.json<Meeting>('GET', `/api/v1/dispatch/meetings/${meetingId}`)).minutes).toBe(`${MINUTES}\n会议强调安全生产。`);
  });

  it('adds a decision with a task (checked first, in Chinese), which becomes a problem-list item', async () => {
    const { page } = browser;
    await page.getByTestId('decision-add').click();
    await page.getByTestId('decision-with-task').click();
    await page.getByTestId('decision-save').click();
    // Nothing sent: the contract schema finds the empty fields.
    await expect
      .poll(async () => (await page.locator('.ant-modal .ant-form-item-explain-error').allTextContents()).join('|'), { timeout: 15_000 })
      .toContain('必填');
    await page.getByTestId('decision-text').fill(DECISION);
    await pickOption(page, 'decision-lead-unit', '衡阳市自然资源和规划局', '自然资源');
    await page.getByTestId('decision-lead-person').fill('王局长');
    await page.getByTestId('decision-save').click();
    await expect.poll(async () => (await page.getByTestId('decision-table').textContent()) ?? '', { timeout: 15_000 }).toContain(DECISION);
    const meeting = await operator.json<Meeting>('GET', `/api/v1/dispatch/meetings/${meetingId}`);
    const task = meeting.decisions.find((d) => d.text === DECISION)?.task;
    expect(task).toMatchObject({ status: 'assigned', leadUnitName: '衡阳市自然资源和规划局' });
    // The task is listed with its state and a link to the problem-list item.
    const link = page.getByTestId(`task-link-${task!.problemId}`);
    await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
    expect(await link.getAttribute('href')).toBe(`/problems/${task!.problemId}`);
    expect(await page.getByTestId('task-table').getByTestId('task-status-assigned').count()).toBeGreaterThanOrEqual(1);
    // Tasks an earlier meeting left open are carried over and marked.
    const carried = meeting.agenda.filter((item) => item.reason === 'carried').length;
    expect(await page.getByTestId('task-table').getByTestId('task-carried').count()).toBe(carried);
    await screenshot(page, 'dispatch-meeting');

    const problem = await operator.json<{ source: string; status: string; title: string; raisedOn: string }>(
      'GET',
      `/api/v1/problems/${task!.problemId}`,
    );
    // Raised on the meeting's day (today for a meeting recorded ahead of its day).
    expect(problem).toMatchObject({
      source: 'dispatch',
      status: 'assigned',
      title: DECISION,
      raisedOn: [heldOn, shanghaiDate(new Date())].sort()[0],
    });
  });

  it('downloads the minutes as a real Word document', async () => {
    const { page } = browser;
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('download-minutes').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`周调度会议纪要-${heldOn}.docx`);
    const data = await fs.readFile((await download.path())!);
    expect(data.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = await (await JSZip.loadAsync(data)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const [y, m, d] = heldOn.split('-').map(Number);
    expect(text).toContain('周调度会议纪要');
    expect(text).toContain(`${y}年${m}月${d}日`);
    expect(text).toContain(DECISION);
    expect(text).toContain('会议强调安全生产。');
  });

  it('edits the chair, attendees and agenda afterwards; a decision moves with the item it answers', async () => {
    const before = await operator.json<Meeting>('GET', `/api/v1/dispatch/meetings/${meetingId}`);
    expect(before.agenda.length).toBeGreaterThanOrEqual(2);
    const first = before.agenda[0]!.title;
    const answer = `关于“${first.slice(0, 20)}”的决定`;
    await operator.json('POST', `/api/v1/dispatch/meetings/${meetingId}/decisions`, { text: answer, agendaPosition: 0 });

    const { page } = browser;
    await page.goto(`${baseUrl()}/dispatch/${meetingId}`);
    await page.getByTestId('meeting-edit').click();
    await page.getByTestId('agenda-table').waitFor();
    await page.getByTestId('meeting-chair').fill('王市长');
    await addTag(page, 'meeting-attendees', '市财政局');
    await page.getByTestId('agenda-down-p0').click();
    await screenshot(page, 'dispatch-edit-meeting');
    await page.getByTestId('meeting-save').click();
    await expect
      .poll(async () => (await page.getByTestId('meeting-overview').textContent()) ?? '', { timeout: 15_000 })
      .toContain('王市长');

    const after = await operator.json<Meeting>('GET', `/api/v1/dispatch/meetings/${meetingId}`);
    expect(after.chair).toBe('王市长');
    expect(after.attendees).toEqual([...before.attendees, '市财政局']);
    expect(after.agenda.map((item) => item.title)).toEqual([before.agenda[1]!.title, first, ...before.agenda.slice(2).map((i) => i.title)]);
    expect(after.decisions.find((d) => d.text === answer)?.agendaPosition).toBe(1);
    expect(after.heldOn).toBe(heldOn);
  });
});
