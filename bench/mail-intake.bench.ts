import { INBOUND_PARSE_OPTIONS, type IntakeOutcome, type MailIntake } from '@sg/mail';
import { simpleParser } from 'mailparser';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { complaintRows } from './api-process';
import { formatRate, percentile, report } from './harness';
import { benchSchools } from './mail-intake/bench-schools';
import { type IntakeApp, startIntakeApp } from './mail-intake/intake-app';
import {
  MAILBOX_MIX,
  type MailboxMessage,
  type MailKind,
  OTHER_DOMAINS,
  writeMailbox,
} from './mail-intake/mailbox';
import { mailZone } from './mail-intake/mail-zone';

const MAILS = Number(process.env.BENCH_MAILS ?? 10_000);
const WARM_UP_MAILS = 300;
const SCHOOLS = 200;
const TARGET_RATIO = 0.5;

type Outcome =
  | 'filed-lodged'
  | 'filed-reply'
  | 'ignored'
  | 'awaiting-match'
  | 'duplicate'
  | 'discarded'
  | 'unfiled'
  | 'failed';
const OUTCOMES: readonly Outcome[] = [
  'filed-lodged',
  'filed-reply',
  'ignored',
  'awaiting-match',
  'duplicate',
  'discarded',
  'unfiled',
  'failed',
];
const INTENDED: Readonly<Record<MailKind, Outcome>> = {
  complaint: 'filed-lodged',
  reply: 'filed-reply',
  automatic: 'ignored',
  stranger: 'awaiting-match',
};
const KINDS = Object.keys(MAILBOX_MIX) as MailKind[];

/** Seconds to parse every message, one after another. */
async function parseAll(mailbox: readonly MailboxMessage[]): Promise<number> {
  const started = performance.now();
  for (const message of mailbox) await simpleParser(message.raw, INBOUND_PARSE_OPTIONS);
  return (performance.now() - started) / 1000;
}

interface Taken {
  readonly seconds: number;
  /** Each message's time in `accept`, in mailbox order. */
  readonly latencies: number[];
  /** Each message's outcome, or why `accept` rejected it. */
  readonly outcomes: (IntakeOutcome | Error)[];
}

/** Every message through the intake, one at a time, as a mailbox hands them over. */
async function takeAll(intake: MailIntake, mailbox: readonly MailboxMessage[]): Promise<Taken> {
  const latencies: number[] = [];
  const outcomes: (IntakeOutcome | Error)[] = [];
  const started = performance.now();
  for (const message of mailbox) {
    const before = performance.now();
    try {
      outcomes.push(await intake.accept(message.raw, message.envelope));
    } catch (error) {
      outcomes.push(error instanceof Error ? error : new Error(String(error)));
    }
    latencies.push(performance.now() - before);
  }
  return { seconds: (performance.now() - started) / 1000, latencies, outcomes };
}

interface Filed {
  readonly outcome: Outcome;
  /** Why it waits for Business Support, when it does. */
  readonly reason: string | null;
  readonly complaintId: string | null;
}

/** What became of a message, read back from its own stream once the run is over. */
async function filedAs(intake: MailIntake, taken: IntakeOutcome | Error): Promise<Filed> {
  if (taken instanceof Error)
    return { outcome: 'failed', reason: taken.message, complaintId: null };
  if (taken.status === 'duplicate')
    return { outcome: 'duplicate', reason: null, complaintId: null };
  const { state, history } = await intake.load(taken.mailId);
  const last = history.at(-1);
  const data = (last?.data ?? {}) as { as?: string; reason?: string };
  switch (state.status) {
    case 'filed':
      return {
        outcome: data.as === 'reply' ? 'filed-reply' : 'filed-lodged',
        reason: null,
        complaintId: state.complaintId,
      };
    case 'awaiting-match':
      return { outcome: 'awaiting-match', reason: data.reason ?? null, complaintId: null };
    case 'ignored':
    case 'discarded':
      return { outcome: state.status, reason: null, complaintId: null };
    case 'new':
      return { outcome: 'unfiled', reason: null, complaintId: null };
  }
}

const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};
const listed = (counts: Map<string, number>) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([what, n]) => `${what} ${n}`)
    .join(', ') || 'none';
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (value: number) => Number(value.toFixed(value < 10 ? 2 : 1));

/**
 * Messages taken in per second (parsed, authenticated against DNS, matched to a school or a
 * complaint, and recorded: the raw message and its files kept, its events appended, a complaint
 * lodged or answered) from a mailbox of BENCH_MAILS (10,000) realistic messages, one at a time as
 * a mailbox hands them over, against parsing the same messages alone with mailparser in the same
 * run. The API's modules run in this process over an embedded SQLite store in a fresh data
 * directory, worker in process, as the embedded node does; DNS is a zone held in memory.
 */
export async function mailIntakeBench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sg-bench-mail-intake-'));
  const schools = benchSchools(SCHOOLS);
  const zone = mailZone(schools, OTHER_DOMAINS);
  let app: IntakeApp | null = null;
  try {
    const written = performance.now();
    const mailbox = await writeMailbox({
      count: MAILS,
      seed: 14,
      schools,
      privateKeyPem: zone.privateKeyPem,
      startsAt: new Date('2025-09-01T07:30:00Z'),
    });
    const warmUpBox = await writeMailbox({
      count: WARM_UP_MAILS,
      seed: 1014,
      schools,
      privateKeyPem: zone.privateKeyPem,
      startsAt: new Date('2025-06-02T07:30:00Z'),
    });
    const writeSeconds = (performance.now() - written) / 1000;

    // Both sides once on a batch of their own, in an app and data directory of their own, so
    // neither pays for the JIT and the measured intake still starts from a fresh store.
    app = await startIntakeApp(join(root, 'warm-up'), schools, zone.resolver);
    await parseAll(warmUpBox);
    const warmUp = await takeAll(app.intake, warmUpBox);
    await app.settled(60_000);
    const warmUpComplaints = [...app.complaints];
    await app.close();
    app = null;

    app = await startIntakeApp(join(root, 'measured'), schools, zone.resolver);
    const parseBefore = await parseAll(mailbox);
    const lookupsBefore = zone.lookups();
    const taken = await takeAll(app.intake, mailbox);
    const lookupsAfter = zone.lookups();
    const settling = performance.now();
    const settled = await app.settled(120_000);
    const settleSeconds = (performance.now() - settling) / 1000;
    // After the reactions have caught up, so that their work does not fall in this pass.
    const parseAfter = await parseAll(mailbox);

    const filed: Filed[] = [];
    for (const outcome of taken.outcomes) filed.push(await filedAs(app.intake, outcome));
    const complaints = [...warmUpComplaints, ...app.complaints];
    await app.close();
    app = null;

    const parsePerSec = (2 * mailbox.length) / (parseBefore + parseAfter);
    const intakePerSec = mailbox.length / taken.seconds;
    const ratio = intakePerSec / parsePerSec;
    const outcomeCounts = Object.fromEntries(
      OUTCOMES.map((outcome) => [outcome, filed.filter((f) => f.outcome === outcome).length]),
    ) as Record<Outcome, number>;
    const asIntended = mailbox.filter((message, i) => {
      const f = filed[i];
      return (
        f.outcome === INTENDED[message.kind] &&
        (message.kind !== 'reply' || f.complaintId === message.repliesTo)
      );
    }).length;
    const astray = countBy(
      mailbox.flatMap((message, i) => {
        const f = filed[i];
        const intended =
          f.outcome === INTENDED[message.kind] &&
          (message.kind !== 'reply' || f.complaintId === message.repliesTo);
        return intended
          ? []
          : [`${message.kind} → ${f.outcome}${f.reason ? ` (${f.reason})` : ''}`];
      }),
      (what) => what,
    );
    const failures = countBy(
      taken.outcomes.filter((o): o is Error => o instanceof Error),
      (error) => error.message.slice(0, 120),
    );
    const reasons = countBy(
      filed.filter((f) => f.outcome === 'awaiting-match'),
      (f) => f.reason ?? '?',
    );

    const sorted = [...taken.latencies].sort((a, b) => a - b);
    const meanMsByKind = Object.fromEntries(
      KINDS.map((kind) => {
        const times = taken.latencies.filter((_, i) => mailbox[i].kind === kind);
        return [kind, ms(times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length))];
      }),
    ) as Record<MailKind, number>;
    const sizes = (kind?: MailKind) =>
      mailbox.filter((m) => !kind || m.kind === kind).map((m) => m.raw.length);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const complaintSizes = sizes('complaint').sort((a, b) => a - b);
    const signed = mailbox.filter((m) => m.signed).length;
    const withPdf = mailbox.filter((m) => m.raw.includes('Content-Type: application/pdf')).length;
    const lookups =
      lookupsAfter.answered + lookupsAfter.missing - lookupsBefore.answered - lookupsBefore.missing;
    const warmUpFailures = warmUp.outcomes.filter((o) => o instanceof Error).length;

    report(
      [
        [
          'mailbox',
          `${mailbox.length.toLocaleString('en-GB')} messages from ${schools.length} schools and strangers, ${kb(mean(sizes()))} KB mean; written in ${writeSeconds.toFixed(1)} s`,
        ],
        [
          'mix',
          KINDS.map((kind) => `${kind} ${mailbox.filter((m) => m.kind === kind).length}`).join(
            ', ',
          ) + ' (automatic: out-of-office replies, bounces, a bulletin)',
        ],
        [
          'new complaints',
          `${kb(complaintSizes[0])}–${kb(complaintSizes[complaintSizes.length - 1])} KB (median ${kb(percentile(complaintSizes, 50))} KB), text and HTML; ${withPdf} with a PDF`,
        ],
        [
          'DKIM-signed',
          `${signed} of ${mailbox.length} (${((100 * signed) / mailbox.length).toFixed(1)}%): the provider-hosted schools' mail and the bulletin; the rest unsigned`,
        ],
        [
          'parse alone (mailparser)',
          `${formatRate(parsePerSec)} (before the intake ${formatRate(mailbox.length / parseBefore)}, after ${formatRate(mailbox.length / parseAfter)})`,
        ],
        [
          'intake, one message at a time',
          `${formatRate(intakePerSec)} (p50 ${ms(percentile(sorted, 50))} ms, p99 ${ms(percentile(sorted, 99))} ms)`,
        ],
        ['ratio intake / parse', `${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO})`],
        [
          'mean ms in accept by kind',
          KINDS.map((kind) => `${kind} ${meanMsByKind[kind]}`).join(', '),
        ],
        [
          'outcomes',
          OUTCOMES.filter((o) => outcomeCounts[o] > 0 || o === 'duplicate')
            .map((o) => `${o} ${outcomeCounts[o]}`)
            .join(', '),
        ],
        ['awaiting match, why', listed(reasons)],
        [
          'as intended',
          `${asIntended} of ${mailbox.length} (replies counted only on the complaint their thread names); otherwise: ${listed(astray)}`,
        ],
        ['accept rejected', `${listed(failures)}; ${warmUpFailures} in the warm-up`],
        [
          'DNS lookups',
          `${(lookups / mailbox.length).toFixed(2)} a message, from the zone in memory`,
        ],
        [
          'reactions caught up',
          settled
            ? `${settleSeconds.toFixed(1)} s after the last message`
            : `not within 120 s of the last message`,
        ],
        ...complaintRows(complaints),
        [
          'setup',
          `API modules in this process, embedded SQLite in a fresh data directory, worker in process; ${WARM_UP_MAILS} messages warm both sides first in an app of their own; one pass of the intake, parse passes before and after it (the mean is the baseline); messages as the IMAP source hands them over; mailparser with the intake's own options`,
        ],
      ],
      {
        bench: 'mail-intake',
        mails: mailbox.length,
        parsePerSec: Math.round(parsePerSec),
        intakePerSec: Math.round(intakePerSec),
        ratio: Number(ratio.toFixed(2)),
        p50Ms: ms(percentile(sorted, 50)),
        p99Ms: ms(percentile(sorted, 99)),
        meanMsByKind,
        outcomes: outcomeCounts,
        asIntended,
        dkimSigned: signed,
        dkimSignedShare: Number((signed / mailbox.length).toFixed(3)),
        meanKb: Number(kb(mean(sizes()))),
        settledSeconds: settled ? Number(settleSeconds.toFixed(1)) : null,
        rejected: taken.outcomes.filter((o) => o instanceof Error).length,
        warnings: complaints.length,
      },
    );
  } finally {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  }
}
