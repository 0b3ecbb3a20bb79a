import { describe, expect, it } from 'vitest';
import { sortFeedback } from './feedback';

describe(sortFeedback.name, () => {
  it('puts the latest day first, then the latest written', () => {
    const notes = [
      { id: 1, notedOn: '2022-06-01', createdAt: '2022-06-01T02:00:00.000Z' },
      { id: 2, notedOn: '2022-06-03', createdAt: '2022-06-03T02:00:00.000Z' },
      { id: 3, notedOn: '2022-06-01', createdAt: '2022-06-04T02:00:00.000Z' },
    ];
    expect(sortFeedback(notes).map((n) => n.id)).toEqual([2, 3, 1]);
    expect(notes.map((n) => n.id)).toEqual([1, 2, 3]);
  });
});
