import { validateEnvironment } from '@sg/config';
import {
  createEventStore,
  formatPosition,
  lagOf,
  type ParkedEvent,
  type ReactionReport,
  reactionReport,
  scanLag,
} from '@sg/event-store';
import { type Command } from '../command';
import { requireDataDir } from '../stores/existing-data-dir';
import { asksForJson } from './json-flag';
import { openReactionRecords } from './reaction-records';

/** A command run by hand can afford to read further along the store than /health does. */
const LAG_READ_LIMIT = 100_000;

const usage =
  'reactions [--json]\n' +
  '  The reactions that run on this node (on DATA_DIR): how far each has got, how many events it\n' +
  '  is behind and how long the oldest has waited, its last error and how many events it parked;\n' +
  '  then each parked event, to retry with retry-parked <id>.';

const parkedView = (event: ParkedEvent) => ({
  id: event.id,
  reaction: event.reaction,
  position: formatPosition(event.position),
  stream: event.stream,
  revision: Number(event.revision),
  eventId: event.eventId,
  type: event.type,
  error: event.error,
  attempts: event.attempts,
  parkedAt: event.parkedAt.toISOString(),
  status: event.status,
  retryRequestedAt: event.retryRequestedAt?.toISOString() ?? null,
});

type ReactionView = ReactionReport & { readonly recordedAt: string };

/** Lines of left-aligned columns, each as wide as its widest cell. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

function readable(
  dataDir: string,
  reactions: readonly ReactionView[],
  parked: readonly ReturnType<typeof parkedView>[],
): string[] {
  if (reactions.length === 0) return [`No reaction has recorded its progress on ${dataDir} yet.`];
  const latest = reactions.map((r) => r.recordedAt).sort()[reactions.length - 1];
  const lines = [
    `Reactions on ${dataDir}, as their runners last recorded them (latest ${latest}):`,
    ...table([
      ['REACTION', 'POSITION', 'BEHIND', 'OLDEST WAITING', 'PARKED', 'LAST ERROR'],
      ...reactions.map(({ lag, ...r }) => [
        r.name,
        r.position ?? '-',
        lag ? `${lag.atLeast ? '>=' : ''}${lag.events}` : '?',
        lag?.oldestWaitingSeconds == null ? '-' : `${lag.oldestWaitingSeconds} s`,
        String(r.parked),
        r.lastError ? `${r.lastError.at} ${r.lastError.message}` : '-',
      ]),
    ]),
    '',
  ];
  if (parked.length === 0) return [...lines, 'No parked events.'];
  return [
    ...lines,
    'Parked events (retry one with: npm run -s cli -- retry-parked <id>):',
    ...table([
      ['ID', 'REACTION', 'POSITION', 'TYPE', 'STREAM', 'ATTEMPTS', 'PARKED AT', 'STATUS', 'ERROR'],
      ...parked.map((p) => [
        String(p.id),
        p.reaction,
        p.position,
        p.type,
        p.stream,
        String(p.attempts),
        p.parkedAt,
        p.status,
        p.error,
      ]),
    ]),
  ];
}

export const reactionsCommand: Command = {
  usage,
  async run(args, context) {
    const json = asksForJson(args);
    const settings = validateEnvironment(context.env);
    requireDataDir(settings.DATA_DIR);
    const records = openReactionRecords(settings.DATA_DIR);
    if (!records) {
      context.stdout(
        json
          ? JSON.stringify({ reactions: [], parked: [] })
          : `No reaction has run on ${settings.DATA_DIR} yet.`,
      );
      return;
    }
    const store = createEventStore(settings, {
      log: () => undefined,
      warn: (message) => process.stderr.write(`${String(message)}\n`),
    });
    try {
      const now = new Date();
      const waiting = await records.parked.waiting();
      const reactions: ReactionView[] = [];
      for (const progress of await records.progress.all()) {
        const scan = await scanLag(store, progress.position, progress.filter, {
          readLimit: LAG_READ_LIMIT,
        }).catch((error: Error) => {
          process.stderr.write(`${progress.reaction}: cannot measure its lag: ${error.message}\n`);
          return null;
        });
        const parked = waiting.filter((event) => event.reaction === progress.reaction).length;
        reactions.push({
          ...reactionReport(progress, scan && lagOf(scan, now), parked),
          recordedAt: progress.recordedAt.toISOString(),
        });
      }
      const parked = waiting.map(parkedView);
      if (json) context.stdout(JSON.stringify({ reactions, parked }));
      else for (const line of readable(settings.DATA_DIR, reactions, parked)) context.stdout(line);
    } finally {
      await store.close();
      records.close();
    }
  },
};
