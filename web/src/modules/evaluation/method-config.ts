import { type AdjustmentItem, formatIssues, type Locale, type MethodConfig, MethodConfigSchema } from '../../../../src/contracts/index.js';

/** The text of the method editor as JSON, or why it is not JSON. */
export function parseMethodConfig(text: string): { kind: 'ok'; value: unknown } | { kind: 'json'; message: string } {
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'json', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Check the editor's text with the contract schema the server uses: the configuration, or every
 * problem as "path: message" in the UI language (the JSON error itself is worded by the caller).
 */
export function checkMethodConfig(
  text: string,
  locale: Locale,
  badJson: (message: string) => string,
): { ok: true; config: MethodConfig } | { ok: false; problems: string[] } {
  const parsed = parseMethodConfig(text);
  if (parsed.kind === 'json') return { ok: false, problems: [badJson(parsed.message)] };
  const checked = MethodConfigSchema.safeParse(parsed.value);
  if (checked.success) return { ok: true, config: checked.data };
  return { ok: false, problems: formatIssues(checked.error.issues, locale).map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)) };
}

/** The bonus and penalty items the city's methods define, each key once (the first method that has it names it). */
export function adjustmentItemsOf(methods: readonly { config: Pick<MethodConfig, 'adjustments'> }[]): AdjustmentItem[] {
  const seen = new Map<string, AdjustmentItem>();
  for (const method of methods) for (const item of method.config.adjustments) if (!seen.has(item.key)) seen.set(item.key, item);
  return [...seen.values()];
}
