import { type CommandBus } from '@nestjs/cqrs';
import { type ComplaintCommandResult, LodgeComplaint } from '@sg/complaint-service';
import { type AttachmentRef, type Policy, schoolClaimsAnotherChannel } from '@sg/complaints';
import { deterministicUuid } from '@sg/directory';
import { timeOrderedUuid } from '@sg/event-store';
import { fieldRefused } from '../http/field-refused';
import { type CommandRequest } from './command-request';
import { type LodgeComplaintDto } from './dto/lodge-complaint.dto';

/** What lodging needs besides the checked body: who asks, when, under which policy, with what files. */
export interface Lodging {
  readonly body: LodgeComplaintDto;
  readonly request: CommandRequest;
  readonly at: string;
  readonly policy: Policy;
  /** Files already in the attachment store; left out, the command carries none. */
  readonly attachments?: readonly AttachmentRef[];
}

export interface Lodged {
  readonly complaintId: string;
  readonly result: ComplaintCommandResult;
}

/**
 * Lodges a complaint from a body the API's DTO has checked: the one way the API and the pages
 * build the command. The complaint's id comes from the idempotency seed when there is one, so a
 * retry (a second press of "Send", a repeated request) finds the complaint the first one lodged.
 */
export async function lodgeComplaint(bus: CommandBus, lodging: Lodging): Promise<Lodged> {
  const { body, request } = lodging;
  const complaintId = request.idSeed
    ? deterministicUuid('complaint', request.idSeed)
    : timeOrderedUuid();
  const command = {
    complaintId,
    actor: request.actor,
    at: lodging.at,
    channel: body.channel,
    schoolUrn: body.schoolUrn,
    serviceId: body.serviceId ?? null,
    summary: body.summary,
    details: body.details,
    desiredOutcome: body.desiredOutcome ?? null,
    standards: body.standards,
    contact: body.contact,
    relatedContractId: body.relatedContractId ?? null,
    relatedBookingId: body.relatedBookingId ?? null,
    receivedAt: body.receivedAt ?? null,
    ...(lodging.attachments ? { attachments: lodging.attachments } : {}),
    policy: lodging.policy,
  };
  // The HTTP channel is the school's web form, never its email (which the mail intake reads).
  if (schoolClaimsAnotherChannel({ type: 'LodgeComplaint', ...command, reference: '' })) {
    throw fieldRefused(
      'channel',
      'channel must be web-form: a school lodges by email by sending the email',
    );
  }
  const result = await bus.execute(new LodgeComplaint(command, request));
  return { complaintId, result };
}
