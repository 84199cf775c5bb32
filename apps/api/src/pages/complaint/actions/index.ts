import { type PageAction } from '../page-action';
import { BOARD_ACTIONS } from './board-actions';
import { CORRESPONDENCE_ACTIONS } from './correspondence-actions';
import { FINANCE_ACTIONS } from './finance-actions';
import { SCHOOL_ACTIONS } from './school-actions';
import { SERVICE_ACTIONS } from './service-actions';
import { TRIAGE_ACTIONS } from './triage-actions';

/** Every action the complaint page offers, in the order its links appear. */
export const PAGE_ACTIONS: readonly PageAction[] = [
  ...TRIAGE_ACTIONS,
  ...SERVICE_ACTIONS,
  ...BOARD_ACTIONS,
  ...FINANCE_ACTIONS,
  ...SCHOOL_ACTIONS,
  ...CORRESPONDENCE_ACTIONS,
];
