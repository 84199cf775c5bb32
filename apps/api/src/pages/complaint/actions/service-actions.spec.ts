import { COMPLAINT_COMMAND_ROUTES } from '../../../complaints/complaint-command-routes';
import { type OpenComplaint } from '@sg/complaints';
import { checkForm } from '../../core/page-form';
import { SERVICE_ACTIONS } from './service-actions';

/** A complaint with none of its extension cap used, for the forms whose wording quotes it. */
const complaint = { policy: { extensionCapWorkingDays: 10 }, clocks: {} } as OpenComplaint;

/** What the page says of a field too long, as the API's own DTO checks it. */
async function tooLong(actionName: string, field: string, length: number, schools = false) {
  const action = SERVICE_ACTIONS.find((each) => each.name === actionName)!;
  const route = COMPLAINT_COMMAND_ROUTES.find((each) => each.name === actionName)!;
  const worded = schools ? action.forTheSchool?.messages : action.messages;
  const messages = typeof worded === 'function' ? worded(complaint) : worded;
  const checked = await checkForm(route.body, { [field]: 'x'.repeat(length + 1) }, messages);
  if (checked.ok) throw new Error(`${actionName} took ${length + 1} characters of ${field}`);
  return checked.errors.find((error) => error.href === `#${field}`)?.text;
}

/** GOV.UK's pattern: a field too long is named, not "Enter 5,000 characters or fewer". */
describe('the service’s forms name the field that is too long', () => {
  it.each([
    ['contact', 'note', 5_000, 'What was said must be 5,000 characters or fewer'],
    [
      'requestInformation',
      'question',
      5_000,
      'What you need from the school must be 5,000 characters or fewer',
    ],
    [
      'informationReceived',
      'summary',
      5_000,
      'What the school provided must be 5,000 characters or fewer',
    ],
    ['extend', 'reason', 2_000, 'Why more time is needed must be 2,000 characters or fewer'],
    [
      'proposeResolution',
      'resolution',
      10_000,
      'How the service has resolved the complaint must be 10,000 characters or fewer',
    ],
  ])('%s: %s', async (actionName, field, length, said) => {
    expect(await tooLong(actionName, field, length)).toBe(said);
  });

  it('the school’s own answer as the school words it', async () => {
    expect(await tooLong('informationReceived', 'summary', 5_000, true)).toBe(
      'Your reply must be 5,000 characters or fewer',
    );
  });
});
