import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Industries } from '../../../contracts/index.js';
import { packageRoot } from '../../lib/package-root.js';

/** Minimal CSV line splitter for the reference files (quoted fields with commas). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quoted) {
      if (ch === '"' && line.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

function readCsv(file: string): string[][] {
  return readFileSync(path.join(packageRoot(), 'reference', file), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map(splitCsvLine);
}

let cached: Industries | undefined;

/**
 * GB/T 4754-2017: the 20 sections with their division ranges, and every division 01–97;
 * names are known for the manufacturing divisions (13–43), the others show their section.
 */
export function industries(): Industries {
  if (cached) return cached;
  const sections = readCsv('gbt4754-sections.csv').map(([code = '', nameZh = '', nameEn = '', range = '']) => {
    const [from = '0', to = from] = range.split('-');
    return { code, nameZh, nameEn, from: Number(from), to: Number(to) };
  });
  const named = new Map(readCsv('gbt4754-manufacturing.csv').map(([code = '', nameZh = '', nameEn = '']) => [code, { nameZh, nameEn }]));
  const divisions = sections.flatMap((s) =>
    Array.from({ length: s.to - s.from + 1 }, (_, i) => {
      const code = String(s.from + i).padStart(2, '0');
      return { code, section: s.code, nameZh: named.get(code)?.nameZh ?? null, nameEn: named.get(code)?.nameEn ?? null };
    }),
  );
  cached = { sections, divisions };
  return cached;
}

/** The section letter of an industry code (a section letter itself, or a division number). */
export function sectionOf(code: string): string | null {
  if (/^[A-T]$/.test(code)) return code;
  const n = Number(code);
  return industries().sections.find((s) => n >= s.from && n <= s.to)?.code ?? null;
}

/**
 * Display name of an industry code, code first so a sheet cell reads back as the code:
 * "26 化学原料和化学制品制造业", "C 制造业", or for a division without a known name its
 * section: "47（E 建筑业）".
 */
export function industryName(code: string): string {
  const all = industries();
  const section = all.sections.find((s) => s.code === sectionOf(code));
  if (/^[A-T]$/.test(code)) return section ? `${code} ${section.nameZh}` : code;
  const division = all.divisions.find((d) => d.code === code);
  if (division?.nameZh) return `${code} ${division.nameZh}`;
  return section ? `${code}（${section.code} ${section.nameZh}）` : code;
}
