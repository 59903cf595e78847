import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processCpuSeconds, threadCpuSeconds } from '../src/contracts/stage-cpu.js';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase } from '../src/store/database.js';
import { corpusFiles, tempDir, WOS_PLAINTEXT } from './helpers.js';

describe('CPU by ingest stage', () => {
  it("reads this thread's CPU clock: no more than the wall time, nor the whole process's", () => {
    const [cpu0, process0, wall0] = [threadCpuSeconds(), processCpuSeconds(), performance.now()];
    let x = 0;
    while (performance.now() - wall0 < 300) x += Math.sqrt(x + 1);
    const [cpu1, process1, wall1] = [threadCpuSeconds(), processCpuSeconds(), performance.now()];
    expect(x).toBeGreaterThan(0);
    if (cpu0 === null || cpu1 === null) return; // not Linux: the ingest falls back to wall times
    expect(cpu1 - cpu0).toBeGreaterThan(0.05);
    expect(cpu1 - cpu0).toBeLessThanOrEqual((wall1 - wall0) / 1000 + 0.02);
    expect(cpu1 - cpu0).toBeLessThanOrEqual(process1 - process0 + 0.02);
  });

  it('gives every stage of a real ingest its share, the parse more than the split', async () => {
    const db = await openDatabase(join(tempDir(), 'cpu.duckdb'));
    const started = processCpuSeconds();
    const s = await ingest(db, corpusFiles(WOS_PLAINTEXT), { workers: 2 });
    const spent = processCpuSeconds() - started;
    db.close();
    expect(s.nLoaded).toBeGreaterThan(10_000);
    const { split, parse, handOff, load, commit } = s.cpu;
    for (const [stage, seconds] of Object.entries(s.cpu)) expect(seconds, stage).toBeGreaterThan(0);
    expect(parse).toBeGreaterThan(split);
    // The stages share the process's CPU over the ingest, no more.
    expect(split + parse + handOff + load + commit).toBeLessThanOrEqual(spent + 0.05);
    expect(split + parse + handOff + load + commit).toBeGreaterThan(spent * 0.5);
  });
});
