import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './helpers.js';

/**
 * The README's "Commands" section and the CLI agree: every command and flag the README names
 * exists (its --help shows it), and every flag of every command is in the README.
 */
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## Commands'), README.indexOf('\n## ', README.indexOf('## Commands') + 5));
const help = (cmd: string) => spawnSync(process.execPath, [CLI, ...cmd.split(' '), '--help'], { encoding: 'utf8' }).stdout;
const GLOBAL = ['--db', '--config', '--wait', '--raw-csv', '--help', '--version'];

/** Each command's own entry: the text from its `coauth <cmd>` bullet to the next bullet. */
function entries(): Map<string, string> {
  const out = new Map<string, string>();
  for (const bullet of section.split(/\n- /).slice(1)) {
    const m = /^`coauth ([a-z-]+(?: bibliometrix)?)[ `]/.exec(bullet);
    if (m) out.set(m[1]!, (out.get(m[1]!) ?? '') + bullet);
  }
  return out;
}

const flagsIn = (text: string) => new Set([...text.matchAll(/--([a-z][a-z-]*)/g)].map((m) => `--${m[1]}`));

describe('README commands and flags', () => {
  const documented = entries();
  const commands = [...help('').matchAll(/^ {2}coauth ([a-z-]+)/gm)].map((m) => m[1]!).filter((c) => c !== 'completion');

  it('documents every command', () => {
    expect(commands.length).toBeGreaterThan(12);
    for (const c of commands)
      expect(
        [...documented.keys()].some((d) => d.split(' ')[0] === c),
        c,
      ).toBe(true);
  });

  it.each([...entries().keys()])('coauth %s: every flag the README names exists, every flag it has is named', (cmd) => {
    const text = help(cmd);
    expect(text, cmd).toContain('Options:');
    const inHelp = new Set([...flagsIn(text)].filter((f) => !GLOBAL.includes(f)));
    // Policy options are documented once, in their own bullet, for matrix and countries.
    const policy = section.split(/\n- /).find((b) => b.startsWith('Policy options'))!;
    const inReadme = flagsIn(documented.get(cmd)! + (['matrix', 'countries'].includes(cmd) ? policy : ''));
    for (const f of inReadme)
      if (!GLOBAL.includes(f) && !/^--(no-|field$)/.test(f))
        expect(inHelp.has(f) || text.includes(f), `${cmd}: README names ${f}`).toBe(true);
    for (const f of inHelp) expect(inReadme.has(f), `${cmd}: ${f} is not in the README`).toBe(true);
  });
});
