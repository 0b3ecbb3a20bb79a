import type { LightColour } from '../../../src/contracts/index.js';

/**
 * The colours of the status lights (红黄绿灯), shared by the map, the tags and the counts:
 * Ant Design's green, gold and red; grey for a project without a plan to measure against.
 */
export const LIGHT_COLORS: Record<LightColour, string> = {
  green: '#52c41a',
  yellow: '#faad14',
  red: '#ff4d4f',
  none: '#bfbfbf',
};

/** A region or unit with nothing measured (no row, no plan). */
export const NO_DATA_COLOR = '#f0f0f0';

/** Worst first, as the server sorts the project lights. */
export const LIGHT_ORDER: readonly LightColour[] = ['red', 'yellow', 'green', 'none'];

export function lightColor(light: LightColour | null | undefined): string {
  return light ? LIGHT_COLORS[light] : NO_DATA_COLOR;
}

/** The preset colour of an Ant Design Tag for a light. */
export function lightTagColor(light: LightColour): 'success' | 'warning' | 'error' | 'default' {
  switch (light) {
    case 'green':
      return 'success';
    case 'yellow':
      return 'warning';
    case 'red':
      return 'error';
    default:
      return 'default';
  }
}
