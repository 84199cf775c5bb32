/** How a complaint reached the council. */
export const CHANNELS = ['web-form', 'email', 'phone', 'visiting-officer'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The draft quality standards every Lancashire Learning Excellence service agreed to meet; a
 * complaint cites the ones it says were not met.
 */
export const QUALITY_STANDARDS = {
  'quality-assured':
    'All goods and services are quality assured to meet the individual school’s changing needs and the standards of the relevant regulatory / governing bodies',
  'competent-staff':
    'All services are delivered by teams who are competent, fully trained and have the required current qualifications, knowledge and experience',
  'flexibility-and-choice':
    'Schools are offered flexibility and choice to provide the right level of service at the right time',
  'listen-and-respond':
    'Services listen to schools and respond quickly and effectively to feedback',
  consultation: 'There is consultation on service development and improvement',
  'data-protection':
    'All data and information collected is managed in accordance with Data Protection and Information Security legislation',
} as const;
export type QualityStandard = keyof typeof QUALITY_STANDARDS;
export const QUALITY_STANDARD_IDS = Object.keys(QUALITY_STANDARDS) as QualityStandard[];

export const CONTACT_METHODS = [
  'phone',
  'email',
  'visit',
  'meeting',
  'video-call',
  'letter',
] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const BOARD_OUTCOMES = ['upheld', 'partly-upheld', 'not-upheld'] as const;
export type BoardOutcome = (typeof BOARD_OUTCOMES)[number];

export const FAILURE_LEVELS = ['minor', 'significant', 'serious', 'complete'] as const;
export type FailureLevel = (typeof FAILURE_LEVELS)[number];

export const PAYMENT_METHODS = ['bank-payment', 'credit-note'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
