import { createHmac } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, seedOrg, signedIn } from '../../../test/factories.js';
import { escalateOverdue } from '../problems/index.js';
import { dingtalkBody, retryDelayMs, wecomBody } from './domain/outbound.js';
import { type JobLog, type ScheduledJob, deliverOutbox, nextRunAfter, notify, runDueJobs } from './index.js';

/** A stand-in for the DingTalk and WeCom robot endpoints on loopback: records requests, answers from a script. */
interface Received {
  path: string;
  query: URLSearchParams;
  body: { msgtype: string; markdown: { title?: string; text?: string; content?: string } };
}
const received: Received[] = [];
const answers: Record<'dingtalk' | 'wecom', object[]> = { dingtalk: [], wecom: [] };
let server: Server;
let t: TestApp;
let org: TestOrg;
let operator: Awaited<ReturnType<typeof signedIn>>;
let dept: Awaited<ReturnType<typeof signedIn>>;
const SECRET = 'SEC0123456789abcdef';

beforeAll(async () => {
  server = createServer((request, response) => {
    let data = '';
    request.on('data', (chunk) => {
      data += chunk;
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      received.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(data) });
      const robot = url.pathname.startsWith('/robot') ? 'dingtalk' : 'wecom';
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(answers[robot].shift() ?? { errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  t = await createTestApp({
    JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    JULI_DINGTALK_WEBHOOK: `http://127.0.0.1:${port}/robot/send?access_token=test-token`,
    JULI_DINGTALK_SECRET: SECRET,
    JULI_WECOM_WEBHOOK: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=test-key`,
    JULI_PUBLIC_URL: 'https://juli.example.gov.cn/',
  });
  org = await seedOrg(t);
  operator = await signedIn(t, 'city_operator');
  dept = await signedIn(t, 'department', { unitId: org.dept });
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => server?.close(resolve));
});

function recordingLog(): JobLog & { warnings: object[]; errors: object[] } {
  const log = {
    warnings: [] as object[],
    errors: [] as object[],
    info() {},
    warn: (o: object) => log.warnings.push(o),
    error: (o: object) => log.errors.push(o),
  };
  return log;
}

describe('group robots (DingTalk, WeCom)', () => {
  it('receive an escalation in their documented formats, DingTalk signed with timestamp + HMAC-SHA256', async () => {
    const item = (
      await operator.post('/api/v1/problems', {
        unitId: org.countyA,
        category: 'funding',
        title: '配套资金未到位',
        description: '省级专项配套资金 500 万元未到位。',
        responsibility: { leadUnitId: org.dept, deadline: '2026-03-02' },
      })
    ).json();
    expect(item.status).toBe('assigned');
    const now = new Date('2026-03-03T08:00:00+08:00');
    await escalateOverdue(t.deps.db, now);
    received.length = 0;
    const report = await deliverOutbox(t.deps, now);
    expect(report).toMatchObject({ sent: 1, retrying: 0, failed: 0 });

    const ding = received.find((r) => r.path === '/robot/send')!;
    expect(ding.query.get('access_token')).toBe('test-token');
    expect(ding.query.get('timestamp')).toBe(String(now.getTime()));
    const expected = createHmac('sha256', SECRET).update(`${now.getTime()}\n${SECRET}`).digest('base64');
    expect(ding.query.get('sign')).toBe(expected);
    expect(ding.body.msgtype).toBe('markdown');
    expect(ding.body.markdown.title).toContain('【聚力】「配套资金未到位」已超期 1 个工作日');
    expect(ding.body.markdown.text).toContain(`[查看详情](https://juli.example.gov.cn/problems/${item.id})`);

    const wecom = received.find((r) => r.path === '/cgi-bin/webhook/send')!;
    expect(wecom.query.get('key')).toBe('test-key');
    expect(wecom.body).toEqual({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('启动单位督办（督办〔2026〕1号）') },
    });
    const row = await t.deps.db.selectFrom('notification_outbox').selectAll().where('channel', '=', 'group').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, delivered_to: ['dingtalk', 'wecom'], last_error: null });
  });

  it('retries a refused message with backoff, only on the robot that refused it, without holding up the business write', async () => {
    const now = new Date('2026-03-04T09:00:00+08:00');
    const id = await t.deps.db.transaction().execute(async (tx) => {
      await notify(tx, org.cityCode, now, {
        kind: 'problem.escalated',
        message: 'notify.problem.escalated.department',
        params: { title: '测试重试', days: 5, noticeNo: '督办〔2026〕9号' },
        link: '/problems/1',
        userIds: [],
        group: true,
      });
      return (await tx.selectFrom('notification_outbox').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    });
    answers.dingtalk.push({ errcode: 310000, errmsg: 'sign not match' });
    received.length = 0;
    const log = recordingLog();
    expect(await deliverOutbox(t.deps, now, log)).toMatchObject({ sent: 0, retrying: 1 });
    const row = await t.deps.db.selectFrom('notification_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, delivered_to: ['wecom'] });
    expect(row.last_error).toContain('dingtalk: refused');
    expect(row.next_attempt_at.getTime()).toBe(now.getTime() + 60_000);
    expect(log.warnings).toEqual([expect.objectContaining({ outboxId: id, attempts: 1 })]);

    // Not due yet half a minute later; a minute later only DingTalk gets it again.
    expect(await deliverOutbox(t.deps, new Date(now.getTime() + 30_000))).toMatchObject({ sent: 0, retrying: 0 });
    received.length = 0;
    expect(await deliverOutbox(t.deps, new Date(now.getTime() + 61_000))).toMatchObject({ sent: 1 });
    expect(received.map((r) => r.path)).toEqual(['/robot/send']);
    expect(
      await t.deps.db.selectFrom('notification_outbox').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'sent',
      attempts: 2,
    });
  });

  it('gives a message up after the last attempt and logs it as an error', async () => {
    const now = new Date('2026-03-05T09:00:00+08:00');
    await t.deps.db.transaction().execute((tx) =>
      notify(tx, org.cityCode, now, {
        kind: 'digest',
        message: 'notify.digest',
        params: { open: 1, overdue: 0, soon: 0, unread: 0 },
        link: null,
        userIds: [],
        group: true,
      }),
    );
    const log = recordingLog();
    let at = now.getTime();
    for (let attempt = 1; attempt <= 8; attempt++) {
      answers.dingtalk.push({ errcode: 130101, errmsg: 'send too fast' });
      await deliverOutbox(t.deps, new Date(at), log);
      at += retryDelayMs(attempt);
    }
    expect(log.errors).toHaveLength(1);
    const row = await t.deps.db.selectFrom('notification_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 8, delivered_to: ['wecom'] });
  });

  it('keeps e-mails for users with an address, skipped when no SMTP server is configured', async () => {
    await t.deps.db.updateTable('identity_user').set({ email: 'dept@example.gov.cn' }).where('id', '=', dept.userId).execute();
    const now = new Date('2026-03-06T09:00:00+08:00');
    await t.deps.db.transaction().execute((tx) =>
      notify(tx, org.cityCode, now, {
        kind: 'problem.reminder',
        message: 'notify.problem.reminder',
        params: { title: '邮件', deadline: '2026-03-09' },
        link: '/problems/1',
        userIds: [dept.userId],
      }),
    );
    const mail = await t.deps.db.selectFrom('notification_outbox').selectAll().where('channel', '=', 'email').executeTakeFirstOrThrow();
    expect(mail).toMatchObject({
      recipient: 'dept@example.gov.cn',
      status: 'pending',
      subject: '【聚力】「邮件」将于 2026-03-09 到期，请抓紧办理',
    });
    expect(await deliverOutbox(t.deps, now)).toMatchObject({ skipped: 1 });
  });
});

describe('the inbox', () => {
  it('counts unread, lists newest first in the reader’s language, marks read; another user’s is not found', async () => {
    await dept.post('/api/v1/notifications/read-all');
    const now = t.clock.now();
    await t.deps.db.transaction().execute(async (tx) => {
      for (const title of ['第一项', '第二项']) {
        await notify(tx, org.cityCode, now, {
          kind: 'problem.assigned',
          message: 'notify.problem.assigned',
          params: { title, unit: '市自然资源和规划局', deadline: '2026-03-30' },
          link: '/problems/7',
          userIds: [dept.userId],
        });
      }
    });
    expect((await dept.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 2 });
    const page = (await dept.get('/api/v1/notifications?unreadOnly=true')).json();
    expect(page).toMatchObject({ total: 2, unread: 2 });
    expect(page.items[0]).toMatchObject({
      kind: 'problem.assigned',
      text: '「第二项」已交由市自然资源和规划局牵头办理，完成时限 2026-03-30',
      link: '/problems/7',
      isRead: false,
    });
    const english = (await dept.get('/api/v1/notifications', { 'accept-language': 'en-US' })).json();
    expect(english.items[0].text).toBe('"第二项" is now led by 市自然资源和规划局, due 2026-03-30');
    expect((await operator.post(`/api/v1/notifications/${page.items[0].id}/read`)).statusCode).toBe(404);
    expect((await dept.post(`/api/v1/notifications/${page.items[0].id}/read`)).json()).toEqual({ unread: 1 });
    expect((await dept.post('/api/v1/notifications/read-all')).json()).toEqual({ unread: 0 });
    expect((await dept.get('/api/v1/notifications?unreadOnly=true')).json().total).toBe(0);
  });
});

describe(runDueJobs.name, () => {
  it('runs a job once per scheduled time by the given clock, even when asked twice at once', async () => {
    let runs = 0;
    const job: ScheduledJob = {
      name: 'test-job',
      pattern: '0 9 * * *',
      run: async () => {
        runs++;
      },
    };
    const nine = new Date('2026-03-10T09:00:00+08:00');
    // Never run: the last day's due time counts.
    await Promise.all([runDueJobs(t.deps.db, [job], nine), runDueJobs(t.deps.db, [job], nine)]);
    expect(runs).toBe(1);
    expect(await runDueJobs(t.deps.db, [job], new Date('2026-03-11T08:59:00+08:00'))).toEqual([]);
    expect(await runDueJobs(t.deps.db, [job], new Date('2026-03-11T09:00:00+08:00'))).toEqual(['test-job']);
    // After a long stop it runs once, not once per missed day.
    expect(await runDueJobs(t.deps.db, [job], new Date('2026-03-20T12:00:00+08:00'))).toEqual(['test-job']);
    expect(runs).toBe(3);
    expect(nextRunAfter('30 8 * * 1-5', new Date('2026-03-13T09:00:00+08:00'))?.toISOString()).toBe('2026-03-16T00:30:00.000Z');
  });

  it('logs a failing job and goes on with the others', async () => {
    const log = recordingLog();
    const ran = await runDueJobs(
      t.deps.db,
      [
        { name: 'broken', pattern: '* * * * *', run: () => Promise.reject(new Error('boom')) },
        { name: 'fine', pattern: '* * * * *', run: async () => 'ok' },
      ],
      new Date('2026-03-10T10:00:00+08:00'),
      log,
    );
    expect(ran).toEqual(['fine']);
    expect(log.errors).toEqual([expect.objectContaining({ job: 'broken' })]);
  });
});

describe('message formats', () => {
  it('keeps a WeCom markdown message under 4096 bytes', () => {
    const body = wecomBody({ subject: '长消息', body: '很长的内容'.repeat(2000), link: null });
    expect(Buffer.byteLength(body.markdown.content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(dingtalkBody({ subject: 'S', body: 'B', link: 'https://x/y' }).markdown.text).toBe('#### S\n\nB\n\n[查看详情](https://x/y)');
  });

  it('backs off 1, 2, 4 … minutes up to 6 hours', () => {
    expect([1, 2, 3, 4, 10, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 6 * 3_600_000, 6 * 3_600_000]);
  });
});
