// Restoring a JSON backup (src/formats/export/json-backup.ts). The backup is the library as
// it was, ids and history included, so it goes into an empty library as it is. Into a
// library that holds anything, restoring would have to merge two histories; it is refused
// unless the user asks to replace everything (`--replace`). Either way it is one transaction:
// a failure leaves the library as it was.

import { LectioError } from './errors.js';
import type { BackupTables } from './library-export.js';
import type { LibraryStore } from './library-store.js';

export interface RestoreReport {
  items: number;
  lists: number;
  topics: number;
  plans: number;
  /** Whether a library that held something was replaced. */
  replaced: boolean;
}

export function restoreBackup(
  store: LibraryStore,
  backup: BackupTables,
  options: { replace: boolean },
): RestoreReport {
  return store.transaction(() => {
    const before = store.stats();
    const holds = before.items + before.lists + before.topics + store.plans().length > 0;
    if (holds && !options.replace) {
      throw new LectioError(
        'conflict',
        `the library is not empty (${before.items} items, ${before.lists} lists); restore a backup into an empty library, or add --replace to replace everything in it`,
      );
    }
    store.restoreTables(backup, options.replace);
    const after = store.stats();
    return {
      items: after.items,
      lists: after.lists,
      topics: after.topics,
      plans: store.plans().length,
      replaced: holds,
    };
  });
}
