import { type LodgeDraft } from './lodge-draft';

/** The questions of lodging a complaint, in the order they are asked. */
export const LODGE_STEPS = [
  'school',
  'service',
  'contract',
  'what-went-wrong',
  'standards',
  'put-right',
  'files',
  'contact',
] as const;
export type LodgeStep = (typeof LODGE_STEPS)[number];

export const isLodgeStep = (step: string): step is LodgeStep =>
  (LODGE_STEPS as readonly string[]).includes(step);

export const stepPath = (step: LodgeStep | 'check') => `/complaints/new/${step}`;

/** The fields of the API's lodging body each question asks for: their errors show on its page. */
export const STEP_FIELDS: Readonly<Record<LodgeStep, readonly string[]>> = {
  school: ['schoolUrn'],
  service: ['serviceId'],
  contract: ['relatedContractId', 'relatedBookingId'],
  'what-went-wrong': ['summary', 'details'],
  standards: ['standards'],
  'put-right': ['desiredOutcome'],
  files: ['attachments'],
  contact: ['contact', 'contact.name', 'contact.role', 'contact.email', 'contact.phone'],
};

/** Whether the draft answers the question (an answer of "not sure" or "none" counts). */
export function answered(draft: LodgeDraft, step: LodgeStep): boolean {
  switch (step) {
    case 'school':
      return draft.schoolUrn !== undefined;
    case 'service':
      return draft.serviceId !== undefined;
    case 'contract':
      return draft.agreement !== undefined;
    case 'what-went-wrong':
      return draft.summary !== undefined && draft.details !== undefined;
    case 'standards':
      return draft.standards !== undefined;
    case 'put-right':
      return draft.desiredOutcome !== undefined;
    case 'files':
      return draft.attachments !== undefined;
    case 'contact':
      return draft.contact?.name !== undefined;
  }
}
