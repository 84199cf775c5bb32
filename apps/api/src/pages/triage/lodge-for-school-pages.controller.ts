import { Directory } from '@sg/directory';
import { withUnknownSchool } from '../core/unknown-school';
import { Body, Get, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { POLICY } from '@sg/complaint-service';
import {
  DomainError,
  type Policy,
  QUALITY_STANDARDS,
  ROLES_THAT_LOG_FOR_SCHOOLS,
} from '@sg/complaints';
import { LLE_SERVICES } from '@sg/directory';
import { type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { RolesAllowed } from '../../auth/access-policy';
import { LodgingRateLimit } from '../../auth/lodging-rate-limit.guard';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { lodgeComplaint } from '../../complaints/complaint-lodging';
import { LodgeComplaintDto } from '../../complaints/dto/lodge-complaint.dto';
import { londonInstantOrDay } from '../complaint/actions/consent-fields';
import { PageCommands, sentAlready } from '../core/page-commands';
import { type SchoolChoice, SchoolChoices } from '../core/school-choices';
import { schoolNamed } from '../core/school-named';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import {
  checkForm,
  errorsByField,
  listField,
  optionalTextField,
  textField,
} from '../core/page-form';
import { type PageError, PageRenderer } from '../core/page-renderer';

type Form = Record<string, unknown>;

/** The channels an officer logs a complaint from; the domain decides who may use which. */
const CHANNELS = [
  { value: 'phone', text: 'By phone' },
  { value: 'visiting-officer', text: 'To a visiting officer' },
];

const KEY = /^[\w-]{8,100}$/;

/** A field left blank is not sent, so only what was given can be wrong. */
const optional = (text: string) => ({ empty: text, invalid: text });

/** The page's fields as the API's body for lodging, with the school found: the same DTO checks them. */
function lodgeBodyOf(form: Form, schoolUrn: string): object {
  const receivedAt = londonInstantOrDay(form, 'receivedAt');
  const contact = {
    name: textField(form, 'contactName').trim(),
    role: optionalTextField(form, 'contactRole'),
    email: optionalTextField(form, 'contactEmail'),
    phone: optionalTextField(form, 'contactPhone'),
  };
  return {
    channel: textField(form, 'channel'),
    schoolUrn,
    serviceId: optionalTextField(form, 'serviceId'),
    summary: textField(form, 'summary').trim(),
    details: textField(form, 'details').trim(),
    desiredOutcome: optionalTextField(form, 'desiredOutcome'),
    standards: listField(form, 'standards'),
    contact: Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined)),
    ...(receivedAt ? { receivedAt } : {}),
  };
}

/** Each field's problem in words that say what to do; optional fields are only ever invalid. */
const MESSAGES = {
  channel: { empty: 'Select how the school told you' },
  schoolUrn: {
    empty: 'Enter the school’s name or URN',
    invalid: 'Enter the school’s name, or its URN as 6 digits, like 119300',
  },
  receivedAt: optional(
    'Enter the date the school told you as a real date, like 27 3 2025, and any time like 9:30am',
  ),
  serviceId: { empty: 'Select a service', invalid: 'Select one of the services listed' },
  summary: {
    empty: 'Enter a summary of what went wrong',
    invalid: 'Summary must be 200 characters or fewer',
  },
  details: {
    empty: 'Enter what happened, in the school’s words',
    invalid: 'What happened must be 10,000 characters or fewer',
  },
  desiredOutcome: optional('What would put it right must be 2,000 characters or fewer'),
  standards: optional('Select from the standards listed'),
  'contact.name': {
    empty: 'Enter the name of the person to contact at the school',
    invalid: 'Name must be 200 characters or fewer',
  },
  'contact.role': optional('Role must be 200 characters or fewer'),
  'contact.email': optional(
    'Enter an email address in the correct format, like name@school.lancs.sch.uk',
  ),
  'contact.phone': optional('Enter a telephone number, like 01772 123456'),
};

/** Rules the domain checks that the person fixes in one field: shown beside that field. */
const FIELD_OF_RULE: Record<string, { href: string; text: string }> = {
  UNKNOWN_SCHOOL: { href: '#schoolUrn', text: 'Enter the URN of a school the council serves' },
  UNKNOWN_SERVICE: { href: '#serviceId', text: 'Select one of the services listed' },
  RECEIVED_IN_FUTURE: {
    href: '#receivedAt',
    text: 'The date and time the school told you must be now or in the past',
  },
  IDEMPOTENCY_KEY_REUSED: {
    href: '#main-content',
    text: 'You sent this form already, and the complaint it gave then was logged. What you changed since has not been sent: check it, then send it again to log it as another complaint.',
  },
  RECEIVED_TOO_LONG_AGO: {
    href: '#receivedAt',
    text: 'The date the school told you must be within the last 4 weeks: for a complaint made longer ago, leave the date blank and say when the school first raised it in what happened',
  },
};

/**
 * Business Support logs a complaint a school made by phone or to a visiting officer, on one page,
 * through the same lodging command, DTO and rate limit as the API. The form carries an
 * idempotency key, so a second press of the button finds the complaint the first one lodged.
 */
@PageController('complaints/new')
export class LodgeForSchoolPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: PageCommands,
    private readonly bus: CommandBus,
    @Inject(POLICY) private readonly policy: Policy,
    private readonly directory: Directory,
  ) {
    this.schools = new SchoolChoices(directory);
  }

  private readonly schools: SchoolChoices;

  @Get('for-a-school')
  @RolesAllowed(...ROLES_THAT_LOG_FOR_SCHOOLS)
  form(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.render(request, response, { channel: 'phone' }, []);
  }

  @Post('for-a-school')
  @RolesAllowed(...ROLES_THAT_LOG_FOR_SCHOOLS)
  @UseGuards(LodgingRateLimit)
  async lodge(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    checkCsrf(request, form.csrfToken);
    const school = await schoolNamed(
      textField(form, 'schoolUrn'),
      this.schools,
      'schoolUrn',
      textField(form, 'schoolChoice'),
    );
    const checked = await checkForm(LodgeComplaintDto, lodgeBodyOf(form, school.urn), MESSAGES);
    // Shown again (another field wrong), the school found stands as its URN, chosen or typed.
    const shown = school.urn ? { ...form, schoolUrn: school.urn } : form;
    if (!checked.ok || school.error) {
      const errors = checked.ok
        ? []
        : checked.errors.filter((error) => !(school.error && error.href === '#schoolUrn'));
      return this.render(
        request,
        response,
        shown,
        school.error
          ? [school.error, ...errors]
          : await withUnknownSchool(
              errors,
              school.urn,
              this.directory,
              () => FIELD_OF_RULE.UNKNOWN_SCHOOL.text,
            ),
        400,
        school.candidates,
      );
    }
    const body = checked.value;
    const commandRequest = this.commands.commandRequest(
      request,
      { idempotencyKey: textField(form, 'idempotencyKey') },
      body,
    );
    try {
      const { complaintId, result } = await lodgeComplaint(this.bus, {
        body,
        request: commandRequest,
        at: this.commands.now(),
        policy: this.policy,
      });
      await this.commands.shown(result);
      const reference = result.state.exists ? result.state.reference : 'the complaint';
      this.pages.redirect(response, `/complaints/${complaintId}`, `Complaint ${reference} logged`);
    } catch (error) {
      const refusal = this.refusal(error);
      if (!refusal) throw error;
      // A new key for what they changed since they first sent it: sent again, it is logged too.
      const values = sentAlready(error) ? { ...shown, idempotencyKey: '' } : shown;
      this.render(request, response, values, [refusal], 400);
    }
  }

  /** A refusal the person can act on, worded for the page; anything else is not theirs to fix. */
  private refusal(error: unknown): PageError | null {
    if (!(error instanceof DomainError) || (error.kind !== 'rule' && error.kind !== 'conflict'))
      return null;
    return FIELD_OF_RULE[error.code] ?? { href: '#main-content', text: error.message };
  }

  private render(
    request: RequestWithIdentity,
    response: Response,
    values: Form,
    errors: PageError[],
    status = 200,
    schoolCandidates: readonly SchoolChoice[] = [],
  ) {
    const chosen = listField(values, 'standards');
    this.pages.render(
      request,
      response,
      'lodge-for-school/lodge.njk',
      {
        pageTitle: 'Log a complaint for a school',
        backLink: request.actor?.roles.some((grant) => grant.role === 'business-support')
          ? { href: '/triage', text: 'Back to triage' }
          : { href: '/', text: 'Back to your home page' },
        values,
        schoolCandidates,
        channels: CHANNELS,
        services: [
          { value: '', text: 'Not known yet' },
          ...LLE_SERVICES.map((service) => ({ value: service.serviceId, text: service.name })),
        ],
        standards: Object.entries(QUALITY_STANDARDS).map(([value, text]) => ({
          value,
          text,
          checked: chosen.includes(value),
        })),
        idempotencyKey:
          typeof values.idempotencyKey === 'string' && KEY.test(values.idempotencyKey)
            ? values.idempotencyKey
            : randomUUID(),
        errorList: errors,
        fieldErrors: errorsByField(errors),
      },
      status,
    );
  }
}
