/**
 * EventStoreDB's events are in its own files, which only its host can copy. Its documented method
 * (https://developers.eventstore.com/server/v24.10/operations/backup), for the engine's operator.
 */
const GUIDE = 'https://developers.eventstore.com/server/v24.10/operations/backup';

export const EVENTSTOREDB_BACKUP: readonly string[] = [
  'The events are NOT in this backup: EventStoreDB keeps them in its own files, which the CLI',
  'cannot reach. Copy them on the EventStoreDB host (a node that is up to date and not scavenging),',
  'while it runs, in this order:',
  '  1. the index checkpoints:    <index folder>/**/*.chk',
  '  2. the rest of the index:    <index folder>/**',
  '  3. the database checkpoints: <db folder>/*.chk (chaser, epoch, proposal, truncate, writer)',
  '  4. the chunk files:          <db folder>/chunk-*',
  '(the image keeps both folders under /var/lib/eventstore). A snapshot of its disk is as good.',
  'This backup holds the node files; keep the two together. See docs/operations.md and',
  GUIDE,
];

export const EVENTSTOREDB_RESTORE: readonly string[] = [
  'The events are NOT restored by the CLI: EventStoreDB restores from its own files. On its host,',
  'with EventStoreDB stopped: copy the backed-up db and index folders into place, copy chaser.chk',
  'over truncate.chk, then start it. Do not mix files of different nodes; a cluster may restore',
  'every node from one backup. See docs/operations.md and',
  GUIDE,
];
