import { type ContactPerson } from '@sg/complaints';
import { type MailAddress } from '@sg/mail';

/** What notifications need to know of a complaint, kept from its events. */
export interface ComplaintFacts {
  readonly complaintId: string;
  readonly reference: string;
  readonly schoolUrn: string;
  readonly serviceId: string | null;
  readonly summary: string;
  readonly contact: ContactPerson;
}

/** Who holds which role now, and what schools are called: whom a notification goes to. */
export interface Audience {
  businessSupport(): MailAddress[];
  managersOf(serviceId: string): MailAddress[];
  boardMembers(): MailAddress[];
  boardChairs(): MailAddress[];
  finance(): MailAddress[];
  schoolName(urn: string): string | null;
}
