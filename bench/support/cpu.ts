/**
 * CPU time of a process and of each of its threads, from /proc (Linux): figures a busy machine
 * disturbs less than wall time. NaN (or nothing) elsewhere.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** utime + stime of a /proc …/stat file, in µs (clock ticks of 10 ms, USER_HZ = 100). */
function statCpuUs(path: string): number {
  try {
    const fields = readFileSync(path, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return NaN;
  }
}

/** The process's CPU so far, all threads, in µs. */
export function processCpuUs(pid: number): number {
  return statCpuUs(`/proc/${pid}/stat`);
}

/** CPU so far by thread id, in µs; the main thread's id is the pid. */
export function threadsCpuUs(pid: number): Map<string, number> {
  try {
    return new Map(readdirSync(`/proc/${pid}/task`).map((tid) => [tid, statCpuUs(`/proc/${pid}/task/${tid}/stat`)]));
  } catch {
    return new Map();
  }
}

/** Since `before`, per unit of work: the main thread's CPU and the `others` busiest other threads', in µs (main NaN off Linux). */
export function threadSplit(pid: number, before: ReadonlyMap<string, number>, units: number, others: number): { main: number; others: number[] } {
  const spent = [...threadsCpuUs(pid)].map(([tid, us]) => [tid, (us - (before.get(tid) ?? 0)) / units] as const);
  return {
    main: spent.find(([tid]) => tid === String(pid))?.[1] ?? NaN,
    others: spent.filter(([tid]) => tid !== String(pid)).map(([, us]) => us).sort((a, b) => b - a).slice(0, others),
  };
}
