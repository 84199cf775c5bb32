import { type PageAction } from '../page-action';
import { CORRESPONDENCE_ACTIONS } from './correspondence-actions';

/** Every action the complaint page offers, in the order its links appear. */
export const PAGE_ACTIONS: readonly PageAction[] = [...CORRESPONDENCE_ACTIONS];
