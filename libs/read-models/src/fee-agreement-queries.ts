import type Database from 'better-sqlite3';
import { type Page, type PageRequest } from './complaint-queries';
import { decodeCursor, encodeCursor, type SortKey } from './cursor';
import { type FeeAgreementRow } from './fee-agreement-projection';
import { ReadModelStatements } from './read-model-statements';

/** Which of a school's contracts and bookings a reader may list: all, or those of their services. */
export type FeeAgreementScope =
  { readonly all: true } | { readonly all: false; readonly serviceIds: readonly string[] };

export interface FeeAgreementFilters {
  readonly serviceId?: string;
  readonly kind?: 'contract' | 'booking';
}

/** A contract or booking and its money, in whole pence. */
export interface FeeAgreementSummary {
  readonly kind: 'contract' | 'booking';
  readonly id: string;
  readonly schoolUrn: string;
  readonly serviceId: string;
  /** A contract's financial year, or what a booking was for. */
  readonly description: string;
  readonly feesPaidPence: number;
  /** Reserved by approvals under way and spent by approvals recorded. */
  readonly committedPence: number;
  /** What a new reimbursement may still take: fees paid less committed. */
  readonly remainingPence: number;
}

/** By service, then kind, then id: the last column is unique within a kind, so the key is unique. */
const KEYS = ['service_id', 'kind', 'agreement_id'] as const;

export const feeAgreementSummary = (row: FeeAgreementRow): FeeAgreementSummary => ({
  kind: row.kind,
  id: row.agreement_id,
  schoolUrn: row.school_urn,
  serviceId: row.service_id,
  description: row.description,
  feesPaidPence: row.fees_paid_pence,
  committedPence: row.committed_pence,
  remainingPence: row.fees_paid_pence - row.committed_pence,
});

/** A school's contracts and bookings from the read model, in pages with keyset cursors. */
export class FeeAgreementQueries {
  private readonly sql: ReadModelStatements;

  constructor(source: { readonly db: Database.Database }) {
    this.sql = new ReadModelStatements(source);
  }

  /** The school's contracts and bookings the reader may see, by service, kind and id. */
  ofSchool(
    urn: string,
    scope: FeeAgreementScope,
    filters: FeeAgreementFilters,
    request: PageRequest,
  ): Page<FeeAgreementSummary> {
    const where = ['school_urn = ?'];
    const params: unknown[] = [urn];
    if (!scope.all) {
      where.push(`service_id IN (${scope.serviceIds.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...scope.serviceIds);
    }
    if (filters.serviceId !== undefined) {
      where.push('service_id = ?');
      params.push(filters.serviceId);
    }
    if (filters.kind !== undefined) {
      where.push('kind = ?');
      params.push(filters.kind);
    }
    if (request.cursor) {
      where.push(`(${KEYS.join(', ')}) > (${KEYS.map(() => '?').join(', ')})`);
      params.push(
        ...decodeCursor(
          request.cursor,
          KEYS.map(() => 'value'),
        ),
      );
    }
    const rows = this.sql.all<FeeAgreementRow>(
      `SELECT * FROM fee_agreements WHERE ${where.join(' AND ')}
       ORDER BY ${KEYS.join(', ')} LIMIT ?`,
      [...params, request.limit + 1],
    );
    const more = rows.length > request.limit;
    const items = rows.slice(0, request.limit);
    const last = items[items.length - 1];
    const key: SortKey | null =
      more && last ? [last.service_id, last.kind, last.agreement_id] : null;
    return { items: items.map(feeAgreementSummary), nextCursor: key ? encodeCursor(key) : null };
  }
}
