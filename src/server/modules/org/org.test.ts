import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, seedOrg, signedIn } from '../../../test/factories.js';

let t: TestApp;
let org: TestOrg;
let sysadmin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  sysadmin = await signedIn(t, 'system_admin');
});
afterAll(async () => {
  await t?.close();
});

describe('units', () => {
  it('lists with search, kind filter and pagination', async () => {
    const all = (await sysadmin.get('/api/v1/org/units?pageSize=2')).json();
    expect(all.total).toBe(7);
    expect(all.items).toHaveLength(2);
    expect(all.items[0]).toMatchObject({ kind: 'city', nameZh: '衡阳市', parentId: null, childCount: 4 });
    const page4 = (await sysadmin.get('/api/v1/org/units?pageSize=2&page=4')).json();
    expect(page4.items).toHaveLength(1);
    expect((await sysadmin.get(`/api/v1/org/units?q=${encodeURIComponent('珠晖')}`)).json().items.map((u: { id: number }) => u.id)).toEqual(
      [org.countyA],
    );
    expect((await sysadmin.get('/api/v1/org/units?q=430481')).json().items[0].id).toBe(org.countyB);
    expect((await sysadmin.get('/api/v1/org/units?kind=department')).json().items.map((u: { id: number }) => u.id)).toEqual([org.dept]);
    // LIKE wildcards in the search text are plain characters.
    expect((await sysadmin.get('/api/v1/org/units?q=%25')).json().total).toBe(0);
  });

  it('a reporting unit’s tree shows its own unit as the root', async () => {
    const county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
    const tree = (await county.get('/api/v1/org/units/tree')).json().items;
    expect(tree.map((n: { id: number; parentId: number | null }) => [n.id, n.parentId])).toEqual([
      [org.countyA, null],
      [org.parkA, org.countyA],
      [org.townA, org.parkA],
    ]);
  });

  it('creates under an allowed parent and refuses a wrong kind of parent', async () => {
    const ok = await sysadmin.post('/api/v1/org/units', {
      parentId: org.countyB,
      kind: 'park',
      nameZh: '耒阳经开区',
      parkLevel: 'provincial',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ parentId: org.countyB, parentName: '耒阳市', parkLevel: 'provincial', version: 1 });
    const wrong = await sysadmin.post('/api/v1/org/units', { parentId: org.parkA, kind: 'county', nameZh: '错挂' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields).toEqual([{ path: 'parentId', message: '上级单位类型不允许挂接此类单位' }]);
    const duplicateCode = await sysadmin.post('/api/v1/org/units', {
      parentId: org.root,
      kind: 'district',
      code: '430405',
      nameZh: '重复',
    });
    expect(duplicateCode.json().error.details.fields[0].path).toBe('code');
  });

  it('moves a subtree (paths follow) and refuses cycles', async () => {
    const park = (await sysadmin.get(`/api/v1/org/units/${org.parkA}`)).json();
    const moved = await sysadmin.patch(`/api/v1/org/units/${org.parkA}`, { version: park.version, parentId: org.countyB });
    expect(moved.statusCode).toBe(200);
    // The township under the park moved with it: countyB's user now sees it, countyA's does not.
    const countyB = await signedIn(t, 'reporting_unit', { unitId: org.countyB });
    expect((await countyB.get(`/api/v1/org/units/${org.townA}`)).statusCode).toBe(200);
    const countyA = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
    expect((await countyA.get(`/api/v1/org/units/${org.townA}`)).statusCode).toBe(404);
    expect((await countyA.get(`/api/v1/org/enterprises/${org.entA}`)).statusCode).toBe(404);

    const town = (await sysadmin.get(`/api/v1/org/units/${org.townA}`)).json();
    const cycle = await sysadmin.patch(`/api/v1/org/units/${org.parkA}`, { version: moved.json().version, parentId: town.id });
    expect(cycle.statusCode).toBe(400);
    // A township cannot take a park anyway; moving the park under itself is the cycle case.
    const self = await sysadmin.patch(`/api/v1/org/units/${org.parkA}`, { version: moved.json().version, parentId: org.parkA });
    expect(self.json().error.details.fields[0].path).toBe('parentId');
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const unit = (await sysadmin.get(`/api/v1/org/units/${org.platform}`)).json();
    expect((await sysadmin.patch(`/api/v1/org/units/${org.platform}`, { version: unit.version, nameZh: '市城投集团' })).statusCode).toBe(
      200,
    );
    const stale = await sysadmin.patch(`/api/v1/org/units/${org.platform}`, { version: unit.version, nameZh: '过期编辑' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('该记录已被他人修改，请刷新后重新编辑');
    expect((await sysadmin.get(`/api/v1/org/units/${org.platform}`)).json().nameZh).toBe('市城投集团');
  });

  it('disables only units without active children; the city itself never', async () => {
    const county = (await sysadmin.get(`/api/v1/org/units/${org.countyB}`)).json();
    const refused = await sysadmin.patch(`/api/v1/org/units/${org.countyB}`, { version: county.version, isActive: false });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('该单位下还有启用中的下级单位，不能停用');
    const dept = (await sysadmin.get(`/api/v1/org/units/${org.dept}`)).json();
    expect((await sysadmin.patch(`/api/v1/org/units/${org.dept}`, { version: dept.version, isActive: false })).json().isActive).toBe(false);
    const root = (await sysadmin.get(`/api/v1/org/units/${org.root}`)).json();
    expect((await sysadmin.patch(`/api/v1/org/units/${org.root}`, { version: root.version, isActive: false })).statusCode).toBe(422);
  });
});

describe('enterprises', () => {
  it('registers by credit code (normalised), refuses duplicates and invalid codes', async () => {
    const operator = await signedIn(t, 'city_operator');
    const created = await operator.post('/api/v1/org/enterprises', {
      uscc: ' 12430400445600121k ',
      name: '衡阳某事业单位',
      unitId: org.countyB,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ uscc: '12430400445600121K', unitName: '耒阳市', isActive: true });
    const duplicate = await operator.post('/api/v1/org/enterprises', { uscc: '12430400445600121K', name: '重复', unitId: org.countyB });
    expect(duplicate.json().error.details.fields).toEqual([{ path: 'uscc', message: '同一城市内已有相同统一社会信用代码的企业' }]);
    const found = (await operator.get('/api/v1/org/enterprises?q=12430400445600121K')).json();
    expect(found.items.map((e: { name: string }) => e.name)).toEqual(['衡阳某事业单位']);
  });

  it('a reporting unit registers only under its own units', async () => {
    const county = await signedIn(t, 'reporting_unit', { unitId: org.countyB });
    expect(
      (await county.post('/api/v1/org/enterprises', { uscc: '52430482MJ6K8R1TX0', name: '常宁企业', unitId: org.countyB })).statusCode,
    ).toBe(201);
    const outside = await county.post('/api/v1/org/enterprises', { uscc: '91350100M000100Y43', name: '越界', unitId: org.root });
    expect(outside.statusCode).toBe(400);
  });

  it('an enterprise account sees only itself', async () => {
    const enterprise = await signedIn(t, 'enterprise', { enterpriseId: org.entB });
    const list = (await enterprise.get('/api/v1/org/enterprises')).json();
    expect(list.items.map((e: { id: number }) => e.id)).toEqual([org.entB]);
    expect((await enterprise.get(`/api/v1/org/enterprises/${org.entA}`)).statusCode).toBe(404);
  });
});

describe('unit names', () => {
  it('any signed-in user reads the names of its own city’s units (only the names), and not another city’s', async () => {
    const other = await seedOrg(t, '430300');
    const enterprise = await signedIn(t, 'enterprise', { enterpriseId: org.entA });
    const response = await enterprise.get('/api/v1/org/units/names');
    expect(response.statusCode).toBe(200);
    const items: { id: number; nameZh: string; nameEn: string | null }[] = response.json().items;
    const own = [org.root, org.countyA, org.parkA, org.townA, org.countyB, org.dept, org.platform];
    for (const id of own) expect(items.some((u) => u.id === id)).toBe(true);
    expect(items.find((u) => u.id === org.root)).toEqual({ id: org.root, nameZh: '衡阳市', nameEn: 'Hengyang' });
    expect(items.find((u) => u.id === org.dept)).toEqual({ id: org.dept, nameZh: '市自然资源和规划局', nameEn: null });
    expect(items.some((u) => u.id === other.countyA || u.id === other.root)).toBe(false);
    // The tree (kinds, parents, what is active) stays closed to an enterprise.
    expect((await enterprise.get('/api/v1/org/units/tree')).statusCode).toBe(403);
  });
});
