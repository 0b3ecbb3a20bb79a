import { describe, expect, it } from 'vitest';
import { LIGHTS } from '../../../src/contracts/index.js';
import { LIGHT_COLORS, LIGHT_ORDER, lightColor, lightTagColor, NO_DATA_COLOR } from './lights';

describe(lightColor.name, () => {
  it('gives each light its own colour and no light the no-data grey', () => {
    expect(lightColor('green')).toBe('#52c41a');
    expect(lightColor('yellow')).toBe('#faad14');
    expect(lightColor('red')).toBe('#ff4d4f');
    expect(lightColor(null)).toBe(NO_DATA_COLOR);
    expect(lightColor(undefined)).toBe(NO_DATA_COLOR);
    expect(new Set(LIGHTS.map((light) => LIGHT_COLORS[light])).size).toBe(LIGHTS.length);
  });
});

describe(lightTagColor.name, () => {
  it('maps the lights to the Tag presets', () => {
    expect(LIGHTS.map(lightTagColor)).toEqual(['success', 'warning', 'error', 'default']);
  });
});

describe('LIGHT_ORDER', () => {
  it('lists every light once, worst first', () => {
    expect([...LIGHT_ORDER].sort()).toEqual([...LIGHTS].sort());
    expect(LIGHT_ORDER[0]).toBe('red');
  });
});
