import { type ComplaintStatus, WITH_THE_SERVICE } from '@sg/complaints';
import { LLE_SERVICES, serviceNameOf } from '@sg/directory';
import { feeAgreementScopeOf } from '../../../queries/read-scope';
import { optionalTextField, textField } from '../../core/page-form';
import { type PageAction } from '../page-action';

/** Triage closes or passes on a complaint only before it reaches a service. */
const AT_TRIAGE: readonly ComplaintStatus[] = ['lodged'];

/** A complaint can move to another service until the service has proposed a resolution. */
const REROUTABLE: readonly ComplaintStatus[] = ['lodged', ...WITH_THE_SERVICE];

/** The services as radios list them: every one, by name, with what it does as the hint. */
const serviceItems = (exceptId: string | null = null) =>
  LLE_SERVICES.filter((service) => service.serviceId !== exceptId).map((service) => ({
    value: service.serviceId,
    text: service.name,
    hint: { text: service.description },
  }));

/** A contract or booking chosen on the reroute page travels as one value, "kind:id". */
const RELATED = /^(contract|booking):(.+)$/;

/** Business Support's triage: pass the complaint on, move it, or close it before it starts. */
export const TRIAGE_ACTIONS: readonly PageAction[] = [
  {
    name: 'refer',
    label: 'Refer to a service',
    title: 'Refer to a service',
    view: 'refer.njk',
    offeredIn: AT_TRIAGE,
    // Sent as given, blank included: the API's body then refuses a blank service, so the form
    // always names one (the complaint's own is chosen already when it has one).
    toBody: (form) => ({
      serviceId: textField(form, 'serviceId'),
      note: optionalTextField(form, 'note'),
    }),
    messages: {
      serviceId: {
        empty: 'Select the service to refer the complaint to',
        invalid: 'Select one of the services listed',
      },
      note: {
        // Only ever too long: left blank, it is not sent.
        empty: 'The note for the service must be 2,000 characters or fewer',
        invalid: 'The note for the service must be 2,000 characters or fewer',
      },
    },
    done: 'Complaint referred',
    // A school not sure of the service may still have named its contract: that says which.
    lookups: async (complaint, { directory }) => {
      const [kind, id] = complaint.relatedContractId
        ? (['contract', complaint.relatedContractId] as const)
        : (['booking', complaint.relatedBookingId] as const);
      const named =
        complaint.serviceId || !id ? null : (await directory.feeLedger(kind, id))?.agreement;
      return {
        services: serviceItems(),
        namedAgreement: named
          ? {
              serviceId: named.serviceId,
              text: `The school was not sure which service, but named its ${named.kind} ${named.id} (${named.description}) with ${serviceNameOf(named.serviceId)}.`,
            }
          : null,
      };
    },
    initial: (complaint) => (complaint.serviceId ? { serviceId: complaint.serviceId } : {}),
  },
  {
    name: 'reroute',
    label: 'Move to another service',
    title: 'Move to another service',
    view: 'reroute.njk',
    offeredIn: REROUTABLE,
    toBody: (form) => {
      const related = RELATED.exec(textField(form, 'related'));
      return {
        toServiceId: textField(form, 'toServiceId'),
        reason: textField(form, 'reason').trim(),
        ...(related?.[1] === 'contract' ? { relatedContractId: related[2] } : {}),
        ...(related?.[1] === 'booking' ? { relatedBookingId: related[2] } : {}),
      };
    },
    messages: {
      toServiceId: {
        empty: 'Select the service to move the complaint to',
        invalid: 'Select one of the services listed',
      },
      reason: {
        empty: 'Enter why the complaint belongs with the other service',
        invalid: 'Why it belongs with the other service must be 2,000 characters or fewer',
      },
    },
    done: 'Complaint moved to another service',
    lookups: (complaint, { complaints, request }) => {
      const agreements = complaints.feeAgreements.ofSchool(
        complaint.schoolUrn,
        feeAgreementScopeOf(request.actor!, complaint.schoolUrn),
        {},
        { limit: 100 },
      ).items;
      return Promise.resolve({
        services: serviceItems(complaint.serviceId),
        agreements: agreements
          .filter((agreement) => agreement.serviceId !== complaint.serviceId)
          .map((agreement) => ({
            value: `${agreement.kind}:${agreement.id}`,
            text: `${serviceNameOf(agreement.serviceId)}: ${agreement.description}`,
            hint: {
              text: `${agreement.kind === 'contract' ? 'Contract' : 'Booking'} ${agreement.id}`,
            },
          })),
      });
    },
  },
  {
    name: 'reject',
    label: 'Reject as out of scope',
    title: 'Reject as out of scope',
    view: 'reject.njk',
    offeredIn: AT_TRIAGE,
    toBody: (form) => ({ reason: textField(form, 'reason').trim() }),
    messages: {
      reason: {
        empty: 'Enter why the complaint is out of scope',
        invalid: 'Why it is out of scope must be 2,000 characters or fewer',
      },
    },
    done: 'Complaint rejected as out of scope',
  },
  {
    name: 'duplicate',
    label: 'Close as a duplicate',
    title: 'Close as a duplicate',
    view: 'duplicate.njk',
    offeredIn: AT_TRIAGE,
    toBody: (form) => ({
      duplicateOf: textField(form, 'duplicateOf').trim(),
      reason: optionalTextField(form, 'reason'),
    }),
    messages: {
      duplicateOf: {
        empty: 'Enter the reference of the complaint this one repeats',
        invalid: 'The reference must be 64 characters or fewer',
      },
      reason: {
        // Only ever too long: left blank, it is not sent.
        empty: 'Anything you add must be 2,000 characters or fewer',
        invalid: 'Anything you add must be 2,000 characters or fewer',
      },
    },
    done: 'Complaint closed as a duplicate',
  },
  {
    name: 'reclassify',
    label: 'Close as a service request',
    title: 'Close as a service request',
    view: 'reclassify.njk',
    offeredIn: AT_TRIAGE,
    toBody: (form) => ({ reason: textField(form, 'reason').trim() }),
    messages: {
      reason: {
        empty: 'Enter why this is a service request, not a complaint',
        invalid: 'Why it is a service request must be 2,000 characters or fewer',
      },
    },
    done: 'Complaint closed as a service request',
  },
  {
    name: 'keepWithService',
    label: 'Keep it with the service',
    title: 'Keep it with the service',
    view: 'keep-with-service.njk',
    offeredIn: WITH_THE_SERVICE,
    // Offered only while the service's request to move it stands; moving it answers it too.
    notOfferedBecause: (complaint) =>
      complaint.rerouteAsked ? null : 'Nobody has asked for it to be moved',
    toBody: (form) => ({ reason: textField(form, 'reason').trim() }),
    messages: {
      reason: {
        empty: 'Enter why the complaint stays with the service',
        invalid: 'Why it stays with the service must be 2,000 characters or fewer',
      },
    },
    done: 'The service has been told the complaint stays with it',
  },
];
