import { describe, expect, it } from 'vitest';
import { aspectRatio, boxAround, CITY_BOXES, gridLines, placeInBox } from './position';

const HENGYANG = CITY_BOXES['430400']!;

describe(placeInBox.name, () => {
  it('places the city centre near the middle of Hengyang', () => {
    const p = placeInBox(HENGYANG, 26.893, 112.572);
    expect(p.inside).toBe(true);
    expect(p.x).toBeCloseTo(0.599, 2);
    expect(p.y).toBeCloseTo(0.427, 2);
  });

  it('clamps a point outside the box to its edge and says so', () => {
    expect(placeInBox(HENGYANG, 28.2, 112.9)).toEqual({ x: expect.closeTo(0.787, 2), y: 0, inside: false });
  });
});

describe(aspectRatio.name, () => {
  it('draws Hengyang to scale', () => {
    expect(aspectRatio(HENGYANG)).toBeCloseTo(0.869, 2);
    expect(aspectRatio(boxAround(0, 0))).toBeCloseTo(1, 5);
  });
});

describe(gridLines.name, () => {
  it('gives round degrees inside the range', () => {
    expect(gridLines(26.12, 27.47, 0.5)).toEqual([26.5, 27]);
    expect(gridLines(111.53, 113.27, 0.5)).toEqual([111.5 + 0.5, 112.5, 113]);
  });
});
