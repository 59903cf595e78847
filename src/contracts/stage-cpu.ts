import { readFileSync } from 'node:fs';

/**
 * CPU time by ingest stage, so that a serial stage shows (the bench prints it per record):
 * split (the main thread cutting records), parse (workers), hand-off (workers writing staged
 * files, and the main thread's other work: reading, queueing, the writer's JavaScript), load and
 * commit (DuckDB's threads, and whatever else the process ran: its CPU less the main thread's and
 * the workers' on their chunks, shared between loading and committing by the wall time each took;
 * starting the workers and V8's own threads land here too, which weighs on small inputs).
 */
export interface StageCpu {
  split: number;
  parse: number;
  handOff: number;
  load: number;
  commit: number;
}

/** Linux counts thread CPU in ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds the calling thread has used (user and system), from /proc/thread-self/stat, or
 * null where there is no such file (not Linux). Ticks of 10 ms: read around work of many ticks.
 */
export function threadCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'latin1');
    // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
    // utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * A clock on the calling thread, started now: it reads the CPU seconds the thread has used since
 * (Linux charges each 10 ms tick to the thread running, so summed over many reads this is the CPU
 * the work took, where wall time would count the time other threads had the core), or the wall
 * seconds where there is no thread clock.
 */
export function threadClock(): () => number {
  const [cpu0, t0] = [threadCpuSeconds(), performance.now()];
  return () => {
    const cpu = threadCpuSeconds();
    return cpu0 === null || cpu === null ? (performance.now() - t0) / 1000 : cpu - cpu0;
  };
}

/** The process's CPU seconds, every thread. */
export function processCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
