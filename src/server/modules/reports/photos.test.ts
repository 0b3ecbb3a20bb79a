import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, makeProject, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';
import { jpegWithExif, jpegWithExifFixture, plainJpeg, pngFixture } from '../../../test/photos.js';

let t: TestApp;
let org: TestOrg;
let county: Awaited<ReturnType<typeof signedIn>>;
let operator: Awaited<ReturnType<typeof signedIn>>;
const p = {} as { a: number; b: number; notReporting: number; otherCounty: number };

beforeAll(async () => {
  // The clock: 2026-03-02 in Shanghai.
  t = await createTestApp();
  org = await seedOrg(t);
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  operator = await signedIn(t, 'city_operator');
  const ops = await operatorContext(t);
  const plan = { annualPlans: [{ year: 2026, plannedInvestment: '1200', monthly: Array(12).fill('100') }] };
  p.a = await makeProject(t, ops, org.countyA, { name: '照片项目甲', ...plan });
  p.b = await makeProject(t, ops, org.parkA, { name: '照片项目乙', ...plan });
  p.notReporting = await makeProject(t, ops, org.countyA, { name: '无计划项目' });
  p.otherCounty = await makeProject(t, ops, org.countyB, { name: '别县照片项目', ...plan });
});
afterAll(async () => {
  await t?.close();
});

type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer; type?: string };

/** A multipart/form-data body as a browser sends it (the declared part type is whatever the browser guessed). */
function form(parts: Part[]) {
  const boundary = `----juliphoto${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type ?? 'image/jpeg'}\r\n\r\n`,
        ),
        part.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (agent: typeof county, projectId: number, month: string, filename: string, data: Buffer, reason?: string) =>
  agent.request({
    method: 'POST',
    url: `/api/v1/reports/photos?projectId=${projectId}&month=${month}`,
    ...form([...(reason ? [{ name: 'reason', value: reason }] : []), { name: 'file', filename, data }]),
  });

describe('monthly report photos', () => {
  it('keeps a real JPEG with its EXIF time (read as Shanghai time) and GPS position', async () => {
    const response = await upload(county, p.a, '2026-02', '工地全景.jpg', jpegWithExifFixture());
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      projectId: p.a,
      month: '2026-02',
      filename: '工地全景.jpg',
      contentType: 'image/jpeg',
      sizeBytes: jpegWithExifFixture().length,
      // exiftool wrote DateTimeOriginal 2026:02:20 09:15:30 without an offset.
      takenAt: '2026-02-20T01:15:30.000Z',
      latitude: 26.893611,
      longitude: 112.571944,
      reason: null,
      createdBy: county.username,
    });
    expect(response.json().sm3).toMatch(/^[0-9a-f]{64}$/);
  });

  it('honours the offset the camera wrote, in either byte order; a photo without EXIF has no time or place', async () => {
    const tokyo = jpegWithExif(
      { dateTimeOriginal: '2026:02:21 18:00:05', offsetTimeOriginal: '+09:00', latitude: -33.8688, longitude: 151.2093 },
      'MM',
    );
    const withOffset = await upload(county, p.a, '2026-02', 'camera.jpeg', tokyo);
    expect(withOffset.statusCode, withOffset.body).toBe(201);
    expect(withOffset.json()).toMatchObject({ takenAt: '2026-02-21T09:00:05.000Z', latitude: -33.8688, longitude: 151.2093 });

    const bare = await upload(county, p.a, '2026-02', 'no-exif.jpg', plainJpeg());
    expect(bare.json()).toMatchObject({ takenAt: null, latitude: null, longitude: null });
  });

  it('sniffs the content: a PNG named .jpg is kept as PNG; a PDF or text named .jpg is refused', async () => {
    const png = await upload(county, p.a, '2026-02', 'site.jpg', pngFixture());
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ contentType: 'image/png', filename: 'site.png', takenAt: null });

    for (const impostor of [Buffer.from('%PDF-1.7\n%not a photo\n'), Buffer.from('GIF89a not accepted either')]) {
      const refused = await upload(county, p.a, '2026-02', 'photo.jpg', impostor);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details.fields).toEqual([
        { path: 'file', message: '照片只接受 JPG 或 PNG 格式（按文件内容识别，与扩展名无关）' },
      ]);
    }
  });

  it('refuses a photo over the size limit while it streams in', async () => {
    const big = Buffer.concat([plainJpeg(), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    const response = await upload(county, p.a, '2026-02', 'huge.jpg', big);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toBe('单张照片不能超过 10 MB');
  });

  it('lists a project-month’s photos in the order taken, downloads the bytes, counts them on the grid', async () => {
    const list = await county.get(`/api/v1/reports/photos?projectId=${p.a}&month=2026-02`);
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body).toMatchObject({ projectId: p.a, month: '2026-02', isLocked: false, maxPhotos: 20, maxBytes: 10 * 1024 * 1024 });
    expect(body.items.map((i: { filename: string }) => i.filename)).toEqual(['工地全景.jpg', 'camera.jpg', 'no-exif.jpg', 'site.png']);
    const download = await operator.get(`/api/v1/reports/photos/${body.items[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E5%B7%A5");
    expect(download.rawPayload.equals(jpegWithExifFixture())).toBe(true);
    const grid = (await county.get('/api/v1/reports/grid?month=2026-02')).json();
    expect(grid.rows.find((r: { projectId: number }) => r.projectId === p.a).photoCount).toBe(4);
  });

  it('keeps to the unit’s jurisdiction and to the month’s reporting projects', async () => {
    const outside = await upload(operator, p.otherCounty, '2026-02', 'b.jpg', jpegWithExifFixture());
    expect(outside.statusCode).toBe(201);
    const otherPhoto = outside.json().id;
    expect((await upload(county, p.otherCounty, '2026-02', 'x.jpg', jpegWithExifFixture())).statusCode).toBe(404);
    expect((await county.get(`/api/v1/reports/photos?projectId=${p.otherCounty}&month=2026-02`)).statusCode).toBe(404);
    expect((await county.get(`/api/v1/reports/photos/${otherPhoto}`)).statusCode).toBe(404);
    expect((await county.request({ method: 'DELETE', url: `/api/v1/reports/photos/${otherPhoto}` })).statusCode).toBe(404);

    const notReporting = await upload(county, p.notReporting, '2026-02', 'x.jpg', jpegWithExifFixture());
    expect(notReporting.statusCode).toBe(422);
    expect(notReporting.json().error.message).toBe('该项目本月不在月报填报范围内');
    const future = await upload(county, p.a, '2026-04', 'x.jpg', jpegWithExifFixture());
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields).toEqual([{ path: 'month', message: '不能填报尚未到来的月份' }]);
    const noFile = await county.request({
      method: 'POST',
      url: `/api/v1/reports/photos?projectId=${p.a}&month=2026-02`,
      ...form([{ name: 'reason', value: 'x' }]),
    });
    expect(noFile.statusCode).toBe(400);
  });

  it('limits the number of photos per project-month', async () => {
    for (let i = 0; i < 20; i++) expect((await upload(county, p.b, '2026-01', `p${i}.png`, pngFixture())).statusCode).toBe(201);
    const one = await upload(county, p.b, '2026-01', 'p21.png', pngFixture());
    expect(one.statusCode).toBe(422);
    expect(one.json().error.message).toBe('每个项目每月最多上传 20 张照片');
    // Another month of the same project has its own allowance.
    expect((await upload(county, p.b, '2026-02', 'feb.png', pngFixture())).statusCode).toBe(201);
  });

  it('deletes before the lock (bytes too, audited); after the lock deletion is refused and an added photo needs a reason', async () => {
    const list = (await county.get(`/api/v1/reports/photos?projectId=${p.a}&month=2026-02`)).json();
    const victim = list.items.find((i: { filename: string }) => i.filename === 'no-exif.jpg');
    const fileId = (await t.deps.db.selectFrom('report_photo').select('file_id').where('id', '=', victim.id).executeTakeFirstOrThrow())
      .file_id;
    const deleted = await county.request({ method: 'DELETE', url: `/api/v1/reports/photos/${victim.id}` });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(await t.deps.db.selectFrom('file_blob').select('id').where('id', '=', fileId).executeTakeFirst()).toBeUndefined();
    expect((await county.get(`/api/v1/reports/photos/${victim.id}`)).statusCode).toBe(404);

    expect((await operator.post('/api/v1/reports/months/2026-02/lock')).statusCode).toBe(200);
    const kept = list.items[0].id;
    const refused = await county.request({ method: 'DELETE', url: `/api/v1/reports/photos/${kept}` });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('该月月报已锁定，照片不能删除；如需更正，请在月报中填写更正原因');
    expect((await county.get(`/api/v1/reports/photos/${kept}`)).statusCode).toBe(200);

    const noReason = await upload(county, p.a, '2026-02', 'late.jpg', jpegWithExifFixture());
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.fields).toEqual([{ path: 'reason', message: '该月已锁定，补传照片须填写原因' }]);
    // The reason may come after the file in the form, too.
    const late = await county.request({
      method: 'POST',
      url: `/api/v1/reports/photos?projectId=${p.a}&month=2026-02`,
      ...form([
        { name: 'file', filename: 'late.jpg', data: jpegWithExifFixture() },
        { name: 'reason', value: '补充主体结构封顶照片' },
      ]),
    });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json()).toMatchObject({ reason: '补充主体结构封顶照片' });
    const listed = (await county.get(`/api/v1/reports/photos?projectId=${p.a}&month=2026-02`)).json();
    expect(listed).toMatchObject({ isLocked: true });
    expect(listed.items.length).toBe(4);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after', 'before'])
      .where('action', 'like', 'report.photo.%')
      .orderBy('id')
      .execute();
    expect(audit.filter((a) => a.action === 'report.photo.add').length).toBe(4 + 1 + 21 + 1);
    expect(audit.find((a) => a.action === 'report.photo.delete')?.before).toMatchObject({ filename: 'no-exif.jpg', fileId });
    expect(audit.at(-1)?.after).toMatchObject({ afterLock: true, reason: '补充主体结构封顶照片', latitude: 26.893611 });
  });

  it('the enterprise reads its project’s photos but may not add any', async () => {
    const enterprise = await signedIn(t, 'enterprise', { enterpriseId: org.entA });
    expect((await upload(enterprise, p.a, '2026-02', 'e.jpg', jpegWithExifFixture())).statusCode).toBe(403);
  });
});
