/**
 * What ends a typed tag in a tags select: the ASCII and the full-width (Chinese) comma, the
 * enumeration comma 、 and both semicolons, whatever the UI language (people type in Chinese).
 */
export const TAG_SEPARATORS: string[] = [',', '，', '、', ';', '；'];
