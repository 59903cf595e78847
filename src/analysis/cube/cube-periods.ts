import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../store/database.js';
import { checkConfig, type CubeConfig } from './config.js';
import { UsageError } from '../../contracts/usage-error.js';

export interface CubePeriod {
  period: string;
  year_from: number;
  year_to: number;
}

/** The settings of the last `coauth analyze`; a database without a cube says what to run. */
export async function cubeConfig(connection: DuckDBConnection): Promise<CubeConfig> {
  const rows = await connection.runAndReadAll('SELECT config FROM cube_state').catch(() => null);
  const json = rows?.getRows()[0]?.[0];
  if (typeof json !== 'string')
    throw new Error('no cube yet: run `coauth analyze` first (it builds the cube the reports and exports read)');
  return checkConfig(JSON.parse(json) as Partial<CubeConfig>);
}

/**
 * The period a reading command asked for, as the cube has it. Not asked: the cube's first
 * configured period, else its latest window, else its span of years (`defaulted` says so). Not in
 * the cube: an error that lists the periods nearest to it and how to add it.
 */
export async function cubePeriod(connection: DuckDBConnection, asked: string | undefined): Promise<CubePeriod & { defaulted: boolean }> {
  const config = await cubeConfig(connection);
  const periods = (await queryRows(
    connection,
    'SELECT period, year_from, year_to FROM cube_periods ORDER BY year_from, year_to',
  )) as unknown as CubePeriod[];
  if (periods.length === 0) throw new Error('the cube has no period: no paper has a year (coauth countries says how many papers lack one)');
  if (asked === undefined) {
    const configured = config.periods.map((p) => periods.find((q) => q.year_from === p.from && q.year_to === p.to)).find(Boolean);
    const windows = periods.filter((p) => p.year_from !== p.year_to);
    const span = {
      period: `${periods[0]!.year_from}-${Math.max(...periods.map((p) => p.year_to))}`,
      year_from: periods[0]!.year_from,
      year_to: Math.max(...periods.map((p) => p.year_to)),
    };
    return { ...(configured ?? windows.sort((a, b) => b.year_to - a.year_to || a.year_from - b.year_from)[0] ?? span), defaulted: true };
  }
  const found = periods.find((p) => p.period === asked.trim());
  if (found) return { ...found, defaulted: false };
  const m = /^\s*(\d{4})(?:\s*-\s*(\d{4}))?\s*$/.exec(asked);
  const [from, to] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [NaN, NaN];
  const distance = (p: CubePeriod) => (Number.isNaN(from) ? 0 : Math.abs(p.year_from - from) + Math.abs(p.year_to - to));
  const nearest = [...periods]
    .sort((a, b) => distance(a) - distance(b) || a.year_from - b.year_from)
    .slice(0, 6)
    .map((p) => p.period);
  throw new UsageError(
    `period ${asked} is not in the cube; nearest: ${nearest.join(', ')} (years ${periods[0]!.year_from}-${Math.max(...periods.map((p) => p.year_to))}). ` +
      `To add it: coauth analyze --periods ${m ? `${from}-${to}` : 'YYYY-YYYY'} (with the cube's other settings)`,
  );
}
