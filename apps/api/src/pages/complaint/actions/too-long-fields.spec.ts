import { type OpenComplaint } from '@sg/complaints';
import { getMetadataStorage } from 'class-validator';
import { COMPLAINT_COMMAND_ROUTES } from '../../../complaints/complaint-command-routes';
import { checkForm } from '../../core/page-form';
import { PAGE_ACTIONS } from '.';

/** A complaint with none of its extension cap used, for the forms whose wording quotes it. */
const complaint = { policy: { extensionCapWorkingDays: 10 }, clocks: {} } as OpenComplaint;

/** Each top-level text field of a DTO with its longest length, as class-validator holds them. */
function lengthLimits(dto: new () => object): [string, number][] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .filter((rule) => rule.name === 'maxLength' && !rule.propertyName.includes('.'))
    .map((rule) => [rule.propertyName, Number(rule.constraints[0])]);
}

/** Chosen from a list on the page, never typed: only a forged form sends one too long. */
const CHOSEN = new Set(['relatedContractId', 'relatedBookingId', 'basisId']);

const cases = PAGE_ACTIONS.flatMap((action) => {
  const route = COMPLAINT_COMMAND_ROUTES.find((each) => each.name === action.name);
  if (!route) return [];
  return lengthLimits(route.body)
    .filter(([field]) => !CHOSEN.has(field))
    .map(([field, longest]) => [action.name, field, longest] as const);
});

/**
 * GOV.UK's pattern: a field too long is named ("Why more time is needed must be 2,000 characters
 * or fewer"); a person who filled in several boxes cannot tell which "Enter 2,000 characters or
 * fewer" is about.
 */
describe('every action’s form names a field that is too long', () => {
  it('has fields to check', () => expect(cases.length).toBeGreaterThan(15));

  it.each(cases)('%s: %s', async (actionName, field, longest) => {
    const action = PAGE_ACTIONS.find((each) => each.name === actionName)!;
    const route = COMPLAINT_COMMAND_ROUTES.find((each) => each.name === actionName)!;
    const worded =
      typeof action.messages === 'function' ? action.messages(complaint) : action.messages;
    const checked = await checkForm(route.body, { [field]: 'x'.repeat(longest + 1) }, worded);
    const said = checked.ok
      ? null
      : checked.errors.find((error) => error.href === `#${field}`)?.text;
    expect(said).toMatch(
      new RegExp(`^\\S.* must be ${longest.toLocaleString('en-GB')} characters or fewer$`),
    );
    expect(said).not.toMatch(/^Enter /);
  });
});
