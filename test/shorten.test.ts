import { describe, expect, it } from 'vitest';
import { shortenMiddle, shortenPath } from '../src/text/shorten.js';
import { toTextTable } from '../src/text/tabular.js';

describe('terminal tables that fit', () => {
  it('shorten a long value in the middle, both ends readable', () => {
    expect(shortenMiddle('record not closed by ER before the next PT at line 1234', 20)).toBe('record no… line 1234');
    expect(shortenMiddle('short', 20)).toBe('short');
  });

  it("never lose a path's file name", () => {
    const path = '/data/wos/deliveries/2026/week-48/updates/WR_2026_20261127_CORE_001.xml.gz';
    const short = shortenPath(path, 50);
    expect(short.length).toBe(50);
    expect(short.endsWith('/WR_2026_20261127_CORE_001.xml.gz')).toBe(true);
    const table = toTextTable([{ file_id: 1, path }]);
    expect(table).toContain('WR_2026_20261127_CORE_001.xml.gz');
    expect(Math.max(...table.split('\n').map((l) => l.length))).toBeLessThanOrEqual('file_id'.length + 2 + 60);
  });
});
