import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCube } from '../src/analysis/cube/build-cube.js';
import { checkConfig } from '../src/analysis/cube/config.js';
import { countryMatrix } from '../src/analysis/country-matrix.js';
import { DEFAULT_POLICY } from '../src/analysis/country-policy.js';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase } from '../src/store/database.js';
import { ROOT, tempDir } from './helpers.js';

/** One road to each number: `coauth matrix` reads the cube when the cube holds exactly the papers asked for. */
describe('the matrix and the cube', () => {
  it('read from the cube equals the direct count, on both bases; a stale cube or a filtered one is not used', async () => {
    const db = await openDatabase(join(tempDir(), 'm.duckdb'));
    await ingest(db, [join(ROOT, 'samples/wos_savedrecs_1.txt')], { workers: 1 });
    const years = { fromYear: 2015, toYear: 2019 };
    const direct = await countryMatrix(db.connection, years);
    expect(direct.fromCube).toBe(false);
    await buildCube(db.connection, checkConfig({ periods: [{ from: 2015, to: 2019 }], categories: false }));
    for (const basis of ['all', 'primary'] as const) {
      const fromCube = await countryMatrix(db.connection, years, { ...DEFAULT_POLICY, basis });
      expect(fromCube.fromCube).toBe(true);
      const again = basis === 'all' ? direct : await countMatrixDirect();
      expect({ countries: fromCube.countries, counts: fromCube.counts }).toEqual({ countries: again.countries, counts: again.counts });
    }
    // Another policy than the cube's: counted directly.
    expect((await countryMatrix(db.connection, years, { ...DEFAULT_POLICY, regions: 'bibliometrix' })).fromCube).toBe(false);
    // A new file after the build: the cube is stale, the matrix counts directly.
    await ingest(db, [join(ROOT, 'samples/wos_savedrecs_2.txt.gz')], { workers: 1 });
    expect((await countryMatrix(db.connection, years)).fromCube).toBe(false);
    db.close();

    async function countMatrixDirect() {
      const other = await openDatabase(join(tempDir(), 'd.duckdb'));
      await ingest(other, [join(ROOT, 'samples/wos_savedrecs_1.txt')], { workers: 1 });
      const m = await countryMatrix(other.connection, years, { ...DEFAULT_POLICY, basis: 'primary' });
      other.close();
      expect(m.fromCube).toBe(false);
      return m;
    }
  });
});
