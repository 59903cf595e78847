import type { ArgumentsCamelCase, Argv } from 'yargs';
import { forgetFiles } from '../../store/changes.js';
import type { GlobalArgs } from '../global-args.js';
import { openForWriting } from '../open.js';
import { UsageError } from '../../contracts/usage-error.js';

interface ForgetArgs extends GlobalArgs {
  files: string[];
}

export const forgetCommand = {
  command: 'forget <files..>',
  describe: 'Take everything files contributed back out and stop retrying them (by path, file name or file id)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'paths, file names or file ids (coauth files)' })
      .example(
        '$0 forget 12',
        'forget file 12: its records leave every table; the next analyze updates the cube',
      ) as unknown as Argv<ForgetArgs>,
  handler: async (args: ArgumentsCamelCase<ForgetArgs>) => {
    const db = await openForWriting(args.db, 'forget', args.wait);
    try {
      const { forgotten, unknown } = await forgetFiles(db.connection, args.files.map(String));
      for (const f of forgotten)
        process.stdout.write(`forgot file ${f.fileId} (${f.status}): ${f.records} current records taken out, ${f.path}\n`);
      if (unknown.length > 0) throw new UsageError(`no file known as ${unknown.join(', ')} (see coauth files)`);
    } finally {
      db.close();
    }
  },
};
