/**
 * The audit hash chain: every record's hash covers its content and the previous record's
 * hash, so changing, removing or reordering a record breaks every later link.
 * Pure: the digest function is passed in (SM3 in production).
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainRecord {
  cityCode: string;
  seq: number;
  occurredAt: string;
  actorUserId: number | null;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  sourceIp: string | null;
  result: string;
  prevHash: string;
}

/** JSON with object keys sorted at every level, so the text does not depend on key order (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function recordHash(record: ChainRecord, digest: (text: string) => string): string {
  return digest(canonicalJson(record));
}

export interface StoredRecord extends ChainRecord {
  id: number;
  hash: string;
}

export type ChainBreak = { id: number; seq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch' };

/**
 * Walks records in sequence order and returns the first broken link, or null.
 * `expectedPrev`/`expectedSeq` carry state between batches.
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private nextSeq = 1;
  private lastId = 0;
  count = 0;
  constructor(private readonly digest: (text: string) => string) {}

  push(record: StoredRecord): ChainBreak | null {
    this.count++;
    this.lastId = record.id;
    if (record.seq !== this.nextSeq) return { id: record.id, seq: record.seq, reason: 'sequence_gap' };
    if (record.prevHash !== this.prevHash) return { id: record.id, seq: record.seq, reason: 'prev_hash_mismatch' };
    const { id: _id, hash, ...content } = record;
    if (recordHash(content, this.digest) !== hash) return { id: record.id, seq: record.seq, reason: 'hash_mismatch' };
    this.prevHash = hash;
    this.nextSeq++;
    return null;
  }

  /** After the last record: the stored head must point at it (catches a removed tail). */
  finish(head: { seq: number; hash: string } | null): ChainBreak | null {
    const headSeq = head?.seq ?? 0;
    const headHash = head?.hash ?? GENESIS_HASH;
    if (headSeq !== this.nextSeq - 1 || headHash !== this.prevHash) {
      return { id: this.lastId, seq: this.nextSeq - 1, reason: 'head_mismatch' };
    }
    return null;
  }
}
