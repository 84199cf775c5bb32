import { type OpenComplaint } from '@sg/complaints';

/**
 * The working days more time may still add to the service's deadline: the policy's cap, which
 * counts every extension agreed on the complaint (a reopened clock keeps its total), less those
 * agreed already, as agreeExtension in libs/complaints/src/decisions/service.ts sums them.
 */
export const extensionDaysLeft = (complaint: OpenComplaint): number =>
  Math.max(
    0,
    complaint.policy.extensionCapWorkingDays - (complaint.clocks.resolution?.extendedBy ?? 0),
  );
