/** Market reads kept with what they were read for (an instrument, an interval, a participant). */

/** A read kept with its key: shown only while that key is still what is chosen. */
export interface Read<T> {
  readonly key: string;
  readonly value: T;
}

/** The read's value while `key` is still chosen, else null (another's answer, or none yet). */
export function readFor<T>(read: Read<T> | null, key: string): T | null {
  return read !== null && read.key === key ? read.value : null;
}
