import type { Industries, Locale } from '../../../../../src/contracts/index.js';

type Section = Industries['sections'][number];

function sectionName(section: Section, locale: Locale): string {
  return locale === 'en-US' ? section.nameEn : section.nameZh;
}

function sectionOf(code: string, industries: Industries): Section | undefined {
  if (/^[A-T]$/.test(code)) return industries.sections.find((s) => s.code === code);
  const n = Number(code);
  return industries.sections.find((s) => n >= s.from && n <= s.to);
}

/**
 * "26 化学原料和化学制品制造业", "C 制造业", or for a division without a name of its own its
 * section: "47 (E 建筑业)" — code first, as in the spreadsheets. The bare code while the
 * reference list is not loaded.
 */
export function industryLabel(code: string, industries: Industries | undefined, locale: Locale): string {
  if (!industries) return code;
  const section = sectionOf(code, industries);
  if (/^[A-T]$/.test(code)) return section ? `${code} ${sectionName(section, locale)}` : code;
  const division = industries.divisions.find((d) => d.code === code);
  const own = locale === 'en-US' ? division?.nameEn : division?.nameZh;
  if (own) return `${code} ${own}`;
  return section ? `${code} (${section.code} ${sectionName(section, locale)})` : code;
}

export interface IndustryGroup {
  label: string;
  title: string;
  options: { value: string; label: string }[];
}

/** Options for a grouped Select: each section first as itself, then its divisions. */
export function industryOptions(industries: Industries, locale: Locale, wholeSection: string): IndustryGroup[] {
  return industries.sections.map((section) => {
    const label = `${section.code} ${sectionName(section, locale)}`;
    return {
      label,
      title: label,
      options: [
        { value: section.code, label: `${label} ${wholeSection}` },
        ...industries.divisions
          .filter((division) => division.section === section.code)
          .map((division) => ({ value: division.code, label: industryLabel(division.code, industries, locale) })),
      ],
    };
  });
}
