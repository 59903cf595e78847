import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { countryNetwork } from '../network/network-data.js';
import { placeNetwork } from '../network/network-layout.js';
import { gexf, graphml, pajek, vosviewerJson, vosviewerMap, vosviewerNetwork } from './network-files.js';

/** Writes the country network of a field and period in every network format (network-files.ts). */
export async function writeNetworkExports(
  connection: DuckDBConnection,
  cell: { field: string; period: string; basis?: string },
  options: { out: string; top: number; minPapers?: number },
): Promise<string[]> {
  const net = placeNetwork(await countryNetwork(connection, cell, { top: options.top, minPapers: options.minPapers }));
  await mkdir(options.out, { recursive: true });
  const files: Record<string, string> = {
    'vosviewer_map.txt': vosviewerMap(net),
    'vosviewer_network.txt': vosviewerNetwork(net),
    'vosviewer.json': vosviewerJson(net),
    'network.gexf': gexf(net),
    'network.graphml': graphml(net),
    'network.net': pajek(net),
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(options.out, name), text);
  return Object.keys(files);
}
