import { Body, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { DomainError } from '@sg/complaints';
import { Directory, PeopleRecords, type SchoolDetails } from '@sg/directory';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { SchoolAddressDto } from '../../auth/dto/admin.dto';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { SchoolPathDto } from '../../queries/list-query.dto';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import { checkForm, type FormMessages, textField } from '../core/page-form';
import { PageRenderer } from '../core/page-renderer';
import { AdminForm } from './admin-form';

type Form = Record<string, unknown>;

const ADDRESS_MESSAGES: FormMessages<SchoolAddressDto> = {
  kind: { empty: 'Select whether you are adding an email address or a domain' },
  value: {
    empty: 'Enter the email address or domain',
    invalid:
      'Enter an email address like office@brookside.lancs.sch.uk, or a domain like brookside.lancs.sch.uk',
  },
};

/** The most schools a search lists: enough to pick from, short enough to read. */
const MOST_LISTED = 50;

const addressesPage = (school: SchoolDetails) => `/admin/schools/${school.urn}/addresses`;

const by = (request: RequestWithIdentity) => ({
  actor: { id: request.actor!.id, role: 'admin' },
});

/**
 * Which addresses and domains reach each school, managed from pages as through the API's school
 * address routes: school staff sign in with an address that reaches their school.
 */
@PageController('admin/schools')
@RolesAllowed('admin')
export class SchoolAddressPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly directory: Directory,
    private readonly people: PeopleRecords,
  ) {}

  @Get()
  async schools(
    @Query() query: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const search = textField(query, 'q').trim().slice(0, 100);
    const wanted = search.toLowerCase();
    const found = search
      ? [...(await this.directory.schoolNames())]
          .map(([urn, { name }]) => ({ urn, name }))
          .filter((school) => school.urn === search || school.name.toLowerCase().includes(wanted))
          .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
      : [];
    this.pages.render(request, response, 'admin/schools.njk', {
      pageTitle: search ? `Schools matching ${search}` : 'School email addresses',
      backLink: { href: '/admin', text: 'Administration' },
      search,
      schools: found.slice(0, MOST_LISTED),
      more: Math.max(0, found.length - MOST_LISTED),
    });
  }

  @Get(':urn/addresses')
  async addresses(
    @Param() path: SchoolPathDto,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    this.addressesForm(request, response, await this.existing(path.urn)).show();
  }

  @Post(':urn/addresses')
  async register(
    @Param() path: SchoolPathDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const school = await this.existing(path.urn);
    const checked = await checkForm(
      SchoolAddressDto,
      { kind: textField(form, 'kind'), value: textField(form, 'value').trim() },
      ADDRESS_MESSAGES,
    );
    await this.addressesForm(request, response, school).submit(
      form,
      checked,
      async (address) => {
        const { alsoReaches } = await this.people.registerSchoolAddress(
          school.urn,
          address,
          by(request),
        );
        const others = alsoReaches.map((other) => other.name).join(', ');
        return {
          to: addressesPage(school),
          flash: others
            ? `${address.value} now reaches ${school.name}, and also ${others}: new mail from it waits for Business Support to choose the school, unless it names its complaint`
            : `${address.value} now reaches ${school.name}`,
        };
      },
      '#value',
    );
  }

  @Post(':urn/addresses/removal')
  async remove(
    @Param() path: SchoolPathDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const school = await this.existing(path.urn);
    const checked = await checkForm(SchoolAddressDto, {
      kind: textField(form, 'kind'),
      value: textField(form, 'value'),
    });
    // The removal's hidden fields are not the add form's: that form stays blank.
    await this.addressesForm(request, response, school).submit({}, checked, async (address) => {
      // Gone already (a second press, another administrator): what the page asked is so.
      await this.people.removeSchoolAddress(school.urn, address, by(request)).catch((error) => {
        if (!(error instanceof DomainError && error.code === 'SCHOOL_ADDRESS_NOT_FOUND'))
          throw error;
      });
      return {
        to: addressesPage(school),
        flash: `${address.value} no longer reaches ${school.name}`,
      };
    });
  }

  private async existing(urn: string): Promise<SchoolDetails> {
    const school = await this.directory.school(urn);
    if (!school)
      throw new NotFoundException({ code: 'SCHOOL_NOT_FOUND', message: 'There is no such school' });
    return school;
  }

  private addressesForm(request: RequestWithIdentity, response: Response, school: SchoolDetails) {
    return new AdminForm(this.pages, request, response, 'admin/school-addresses.njk', {
      pageTitle: `${school.name}: email addresses`,
      backLink: { href: '/admin/schools', text: 'Find another school' },
      school,
    });
  }
}
