import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

/** coauth as people install it (README, "Install"): packed, installed globally, run from anywhere. */
describe('the packed package', () => {
  it('installs with npm install -g into a prefix, puts coauth on the PATH, and runs a small study from another folder', () => {
    const dir = tempDir();
    // npm test has built dist/; packing skips the build script so that the test does not rebuild it.
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop()!;
    const listed = execFileSync('tar', ['tzf', join(dir, tarball)], { encoding: 'utf8' }).split('\n');
    expect(listed).toContain('package/dist/src/cli/main.js');
    expect(listed).toContain('package/dist/src/parse/worker.js');
    expect(listed).toContain('package/job.schema.json');
    expect(listed.filter((f) => /^package\/(test|bench|src|samples)\//.test(f) || /dist\/(test|bench)\//.test(f))).toEqual([]);

    const prefix = join(dir, 'prefix');
    const install = spawnSync(
      'npm',
      ['install', '-g', '--prefix', prefix, join(dir, tarball), '--prefer-offline', '--no-audit', '--no-fund'],
      { encoding: 'utf8' },
    );
    expect(install.status, install.stderr).toBe(0);
    const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const coauth = (...args: string[]) => spawnSync('coauth', args, { cwd: elsewhere, env, encoding: 'utf8' });

    const version = coauth('--version');
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(coauth('ingest', join(ROOT, 'samples')).status).toBe(0);
    expect(coauth('analyze', '--periods', '2015-2019').status).toBe(0);
    const report = coauth('report', '--years', '2015-2019', '--out', 'study');
    expect(report.status, report.stderr).toBe(0);
    expect(existsSync(join(elsewhere, 'coauth.duckdb'))).toBe(true);
    expect(existsSync(join(elsewhere, 'study/index.html'))).toBe(true);
  });
});
