import { type LodgeDraft } from './lodge-draft';

/**
 * The draft as the API's lodging body, so the pages check it with the API's own DTO and lodge it
 * with the same command: a school's staff lodge by web form. Unanswered questions are left out,
 * and the DTO says which of those it needs.
 */
export function lodgeBodyOf(draft: LodgeDraft, schoolUrn: string | undefined): object {
  const agreement = draft.agreement;
  return {
    channel: 'web-form',
    schoolUrn,
    serviceId: draft.serviceId ?? undefined,
    summary: draft.summary,
    details: draft.details,
    desiredOutcome: draft.desiredOutcome ?? undefined,
    standards: draft.standards ?? [],
    contact: { ...draft.contact },
    relatedContractId: agreement?.kind === 'contract' ? agreement.id : undefined,
    relatedBookingId: agreement?.kind === 'booking' ? agreement.id : undefined,
  };
}
