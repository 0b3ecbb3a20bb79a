// The part of pg-copy-streams (7.x, no type declarations of its own) that db/pool.ts uses.
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';

  /** `COPY … FROM STDIN` as a query of a pg client: write the data, end, and the copy is done. */
  export interface CopyStreamQuery extends Writable, Submittable {
    /** Rows copied, known once the stream has finished. */
    rowCount: number;
  }
  export function from(text: string): CopyStreamQuery;
}
