/**
 * Where a point lies in a city's bounding box, for the offline position sketch (no map tiles can
 * be loaded here). Boxes are WGS-84 degrees; the one of Hengyang (430400) is its prefecture-level
 * area, 111.53–113.27 °E, 26.12–27.47 °N, with the city centre at 112.572 °E, 26.893 °N.
 */
export interface BoundingBox {
  west: number;
  east: number;
  south: number;
  north: number;
  centre?: { latitude: number; longitude: number };
}

export const CITY_BOXES: Record<string, BoundingBox> = {
  '430400': { west: 111.53, east: 113.27, south: 26.12, north: 27.47, centre: { latitude: 26.893, longitude: 112.572 } },
};

/** A box of about ±0.5° around a point, for a city without a known box. */
export function boxAround(latitude: number, longitude: number): BoundingBox {
  return { west: longitude - 0.5, east: longitude + 0.5, south: latitude - 0.5, north: latitude + 0.5 };
}

export interface SketchPoint {
  /** 0…1 from the west edge. */
  x: number;
  /** 0…1 from the north edge (screen order). */
  y: number;
  inside: boolean;
}

/** The point's place in the box, clamped to its edges when outside. */
export function placeInBox(box: BoundingBox, latitude: number, longitude: number): SketchPoint {
  const x = (longitude - box.west) / (box.east - box.west);
  const y = (box.north - latitude) / (box.north - box.south);
  const inside = x >= 0 && x <= 1 && y >= 0 && y <= 1;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { x: clamp(x), y: clamp(y), inside };
}

/** Height ÷ width of the box drawn to scale (a degree of longitude shrinks with the cosine of the latitude). */
export function aspectRatio(box: BoundingBox): number {
  const midLatitude = ((box.north + box.south) / 2) * (Math.PI / 180);
  return (box.north - box.south) / ((box.east - box.west) * Math.cos(midLatitude));
}

/** Grid lines every `step` degrees inside [from, to]. */
export function gridLines(from: number, to: number, step: number): number[] {
  const lines: number[] = [];
  for (let value = Math.ceil(from / step) * step; value <= to + 1e-9; value += step) lines.push(Math.round(value * 1000) / 1000);
  return lines;
}
