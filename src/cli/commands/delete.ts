import { readFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { deletionLine, type DeletedId } from '../../sources/deletion-list.js';
import { deleteByIds } from '../../store/changes.js';
import type { GlobalArgs } from '../global-args.js';
import { openForWriting } from '../open.js';
import { UsageError } from '../../contracts/usage-error.js';

interface DeleteArgs extends GlobalArgs {
  uids: string[];
  ids?: string;
}

export const deleteCommand = {
  command: 'delete [uids..]',
  describe: 'Delete records by id, as a deletion list does: they leave every table, and the cube at the next analyze',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('uids', { type: 'string', array: true, default: [], describe: 'WOS:<accession>, Scopus EIDs, OpenAlex W-ids' })
      .option('ids', { type: 'string', describe: 'a file of ids, one a line (the formats of deletion lists)' })
      .example('$0 delete WOS:000301234500001', 'delete one Web of Science record')
      .example('$0 delete --ids withdrawn.txt', 'delete every record the file lists') as unknown as Argv<DeleteArgs>,
  handler: async (args: ArgumentsCamelCase<DeleteArgs>) => {
    const ids: DeletedId[] = [];
    const take = (line: string, lineNo: number, where: string) => {
      const id = deletionLine(line, lineNo);
      if (typeof id === 'string') throw new UsageError(`${where}: ${id}`);
      if (id !== null) ids.push(id);
    };
    for (const uid of args.uids.map(String)) take(uid, 0, `"${uid}"`);
    if (args.ids) (await readFile(args.ids, 'utf8')).split(/\r?\n/).forEach((line, i) => take(line, i + 1, `${args.ids} line ${i + 1}`));
    if (ids.length === 0) throw new UsageError('name ids to delete, or a file of them with --ids');
    const db = await openForWriting(args.db, 'delete', args.wait);
    try {
      const { deleted, notFound } = await deleteByIds(db.connection, ids);
      process.stdout.write(
        `deleted ${deleted} record(s); ${notFound.length} id(s) not found${
          notFound.length > 0
            ? `: ${notFound
                .slice(0, 10)
                .map((i) => i.uid)
                .join(', ')}${notFound.length > 10 ? ', ...' : ''}`
            : ''
        }\n`,
      );
    } finally {
      db.close();
    }
  },
};
