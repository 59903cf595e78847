import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rCsv, rMatrixCsv } from './r-csv.js';
import {
  biblioshinyCountryCollab,
  countryMatrix,
  normalise,
  NORMALISATIONS,
  scalars,
  summaryCountries,
  tableTagAuCo,
  tcPerCountry,
  worldmapEdges,
  type CompatDocument,
} from './tables.js';

/** Every bibliometrix country output, as the files ../shared/reference/bibliometrix/expected names them (without prefix). */
export function compatFiles(docs: readonly CompatDocument[]): Record<string, string> {
  const m = countryMatrix(docs);
  const files: Record<string, string> = {
    'AU_CO.csv': rCsv(docs.map((d) => ({ UT: d.uid, PY: d.year, TC: d.timesCited, AU_CO: d.auCo?.join(';') ?? null, AU1_CO: d.au1Co }))),
    'summary_countries.csv': rCsv(summaryCountries(docs)),
    'biblioshiny_countryCollab.csv': rCsv(biblioshinyCountryCollab(docs)),
    'TC_per_country.csv': rCsv(tcPerCountry(docs)),
    'tableTag_AU_CO.csv': rCsv(tableTagAuCo(docs)),
    'country_matrix.csv': rMatrixCsv(m.names, m.counts),
    'worldmap_edges.csv': rCsv(worldmapEdges(m), ['From', 'To', 'Frequency']),
    'scalars.txt':
      Object.entries(scalars(docs, m))
        .map(([k, v]) => `${k}=${k === 'IntColl_percent' ? v.toFixed(10) : v}`)
        .join('\n') + '\n',
  };
  for (const n of NORMALISATIONS) files[`norm_${n}.csv`] = rMatrixCsv(m.names, normalise(m, n));
  return files;
}

export async function writeCompatFiles(dir: string, docs: readonly CompatDocument[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = compatFiles(docs);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return Object.keys(files);
}
