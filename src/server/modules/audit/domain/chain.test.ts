import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ChainRecord, ChainVerifier, GENESIS_HASH, type StoredRecord, canonicalJson, recordHash } from './chain.js';

const sm3 = (text: string) => createHash('sm3').update(text).digest('hex');

function chain(n: number): StoredRecord[] {
  const out: StoredRecord[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const record: ChainRecord = {
      cityCode: '430400',
      seq: i,
      occurredAt: new Date(Date.UTC(2026, 2, 2, 1, i)).toISOString(),
      actorUserId: 7,
      actorUsername: 'operator',
      actorRole: 'city_operator',
      action: 'org.unit.update',
      targetType: 'org_unit',
      targetId: String(i),
      before: { nameZh: `旧${i}`, nested: { b: 1, a: [1, 2] } },
      after: { nameZh: `新${i}` },
      requestId: `req-${i}`,
      sourceIp: '127.0.0.1',
      result: 'success',
      prevHash: prev,
    };
    const hash = recordHash(record, sm3);
    out.push({ ...record, id: 100 + i, hash });
    prev = hash;
  }
  return out;
}

function verify(records: StoredRecord[], head: { seq: number; hash: string } | null) {
  const verifier = new ChainVerifier(sm3);
  for (const r of records) {
    const broken = verifier.push(r);
    if (broken) return broken;
  }
  return verifier.finish(head);
}

describe(canonicalJson.name, () => {
  it('does not depend on key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });
  it('drops undefined properties like JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
});

describe(ChainVerifier.name, () => {
  const records = chain(5);
  const head = { seq: 5, hash: records[4]!.hash };

  it('accepts an intact chain', () => {
    expect(verify(records, head)).toBeNull();
  });
  it('names a record whose content changed', () => {
    const tampered = records.map((r) => (r.seq === 3 ? { ...r, after: { nameZh: '篡改' } } : r));
    expect(verify(tampered, head)).toEqual({ id: 103, seq: 3, reason: 'hash_mismatch' });
  });
  it('names the record after a removed one', () => {
    expect(
      verify(
        records.filter((r) => r.seq !== 2),
        head,
      ),
    ).toEqual({ id: 103, seq: 3, reason: 'sequence_gap' });
  });
  it('notices a recomputed hash through the next link', () => {
    const rehashed = records.map((r) => {
      if (r.seq !== 2) return r;
      const { id, hash: _h, ...content } = { ...r, actorUsername: 'intruder' };
      return { ...content, id, hash: recordHash(content, sm3) };
    });
    expect(verify(rehashed, head)).toEqual({ id: 103, seq: 3, reason: 'prev_hash_mismatch' });
  });
  it('notices a removed tail through the chain head', () => {
    expect(verify(records.slice(0, 4), head)?.reason).toBe('head_mismatch');
  });
});
