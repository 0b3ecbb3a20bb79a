/**
 * A small one-page PDF standing in for a signed letter's scan: the letter's text in the
 * standard Chinese font every PDF reader provides (STSong-Light, Adobe-GB1, not embedded),
 * a signature stroke, a red round seal and the date. Deterministic: no creation date, no ids.
 */
const PAGE = { width: 595, height: 842, margin: 64 } as const;

/**
 * UTF-16BE hex of a string (UniGB-UCS2-H takes UCS-2 code units). ASCII is written in its
 * full-width form (as official documents print figures), so every character is one em wide
 * and no reader needs the font's proportional Latin glyphs.
 */
function hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const wide = code === 0x20 ? 0x3000 : code > 0x20 && code < 0x7f ? code + 0xfee0 : code;
    out += wide.toString(16).padStart(4, '0');
  }
  return `<${out.toUpperCase()}>`;
}

/** Width in ems (every character one em: see `hex`). */
const width = (text: string) => [...text].length;

/** Break a line into lines of at most `ems` ems (no hyphenation: CJK breaks anywhere). */
export function wrap(text: string, ems: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (width(line + ch) > ems) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

const text = (x: number, y: number, size: number, s: string) => `BT /F1 ${size} Tf ${x.toFixed(1)} ${y.toFixed(1)} Td ${hex(s)} Tj ET`;

/** A circle of radius r at (cx, cy) as four Bézier curves. */
function circle(cx: number, cy: number, r: number): string {
  const k = 0.5523 * r;
  const f = (n: number) => n.toFixed(1);
  return [
    `${f(cx + r)} ${f(cy)} m`,
    `${f(cx + r)} ${f(cy + k)} ${f(cx + k)} ${f(cy + r)} ${f(cx)} ${f(cy + r)} c`,
    `${f(cx - k)} ${f(cy + r)} ${f(cx - r)} ${f(cy + k)} ${f(cx - r)} ${f(cy)} c`,
    `${f(cx - r)} ${f(cy - k)} ${f(cx - k)} ${f(cy - r)} ${f(cx)} ${f(cy - r)} c`,
    `${f(cx + k)} ${f(cy - r)} ${f(cx + r)} ${f(cy - k)} ${f(cx + r)} ${f(cy)} c`,
  ].join('\n');
}

/** A five-pointed star centred at (cx, cy), filled. */
function star(cx: number, cy: number, r: number): string {
  const points = Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? r : r * 0.38;
    const angle = Math.PI / 2 + (i * Math.PI) / 5;
    return [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)] as const;
  });
  return `${points.map(([x, y], i) => `${x.toFixed(1)} ${y.toFixed(1)} ${i === 0 ? 'm' : 'l'}`).join('\n')}\nh f`;
}

export interface LetterScan {
  title: string;
  lines: readonly string[];
  /** Who signs (printed before the signature). */
  signer: string;
  /** The seal's text (the unit). */
  seal: string;
  signedOn: string;
}

export function letterPdf(scan: LetterScan): Buffer {
  const { width: W, height: H, margin: M } = PAGE;
  const ops: string[] = ['0 g'];
  let y = H - M - 10;
  const titleSize = 18;
  ops.push(text((W - width(scan.title) * titleSize) / 2, y, titleSize, scan.title));
  y -= 40;
  const size = 11;
  const ems = Math.floor((W - 2 * M) / size) - 2;
  for (const paragraph of scan.lines) {
    for (const [k, line] of wrap(paragraph, ems).entries()) {
      if (y < 220) break;
      ops.push(text(M + (k === 0 ? 2 * size : 0), y, size, line));
      y -= 19;
    }
    y -= 4;
  }
  y = Math.min(y - 20, 200);
  ops.push(text(M + 220, y, size, `${scan.signer}（签字）：`));
  // The signature: a quick stroke.
  ops.push(
    '0.1 0.1 0.35 RG 1.2 w',
    `${M + 370} ${y - 2} m ${M + 385} ${y + 18} ${M + 395} ${y - 12} ${M + 410} ${y + 6} c ${M + 420} ${y + 16} ${M + 430} ${y - 8} ${M + 450} ${y + 4} c S`,
  );
  const [year, month, day] = scan.signedOn.split('-').map(Number) as [number, number, number];
  ops.push('0 g', text(M + 260, y - 40, size, `${year}年${month}月${day}日`));
  // The seal: a red ring, a star and the unit's name across it.
  const cx = M + 330;
  const cy = y - 20;
  ops.push('0.85 0.1 0.1 RG 0.85 0.1 0.1 rg 2.5 w', circle(cx, cy, 48), 'S', star(cx, cy + 8, 14));
  const sealSize = Math.min(10, 84 / Math.max(1, width(scan.seal)));
  ops.push(text(cx - (width(scan.seal) * sealSize) / 2, cy - 24, sealSize, scan.seal));
  ops.push('0.5 g', text(M, 40, 8, '演示数据：由聚力演示程序生成，非真实文件'));
  const content = ops.join('\n');

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let pdf = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
