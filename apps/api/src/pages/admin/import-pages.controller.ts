import { Get, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables } from '@sg/config';
import {
  Directory,
  DirectoryWriter,
  type ImportCounts,
  ImportRefused,
  LLE_SERVICES,
  readContracts,
  readGiasSchools,
  type RowProblem,
} from '@sg/directory';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import { PageRenderer } from '../core/page-renderer';
import { AdminForm } from './admin-form';
import { readCsvUpload } from './csv-upload';

/** What each import reads, and where its form is on the page. */
const IMPORTS = {
  schools: { what: 'schools file', field: 'schools-file', done: 'Schools imported' },
  contracts: { what: 'contracts file', field: 'contracts-file', done: 'Contracts imported' },
} as const;

type ImportKind = keyof typeof IMPORTS;

const countsInWords = ({ added, changed, unchanged }: ImportCounts) =>
  `${added} added, ${changed} updated, ${unchanged} unchanged`;

/**
 * The directory's imports from pages, as the command line's import-schools and import-contracts:
 * the same readers and the same writer, so one bad row imports nothing and names every problem.
 */
@PageController('admin/imports')
@RolesAllowed('admin')
export class ImportPagesController {
  private readonly county: string;

  constructor(
    private readonly pages: PageRenderer,
    private readonly directory: Directory,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.county = config.get('COUNTY_NAME', { infer: true });
  }

  @Get()
  imports(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.importsForm(request, response, null, []).show();
  }

  @Post('schools')
  importSchools(@Req() request: RequestWithIdentity, @Res() response: Response) {
    return this.importFile(request, response, 'schools', (text, writer) =>
      writer.schools(readGiasSchools(text, this.county)),
    );
  }

  @Post('contracts')
  importContracts(@Req() request: RequestWithIdentity, @Res() response: Response) {
    return this.importFile(request, response, 'contracts', async (text, writer) => {
      const schools = new Set((await this.directory.schoolNames()).keys());
      const services = new Set(LLE_SERVICES.map((service) => service.serviceId));
      const { agreements, lines } = readContracts(text, { schools, services });
      return writer.feeAgreements(agreements, lines);
    });
  }

  private async importFile(
    request: RequestWithIdentity,
    response: Response,
    kind: ImportKind,
    run: (text: string, writer: DirectoryWriter) => Promise<ImportCounts>,
  ) {
    const upload = await readCsvUpload(request, response);
    checkCsrf(request, upload.form.csrfToken);
    const { what, field, done } = IMPORTS[kind];
    if (!upload.ok)
      return this.importsForm(request, response, kind, []).show({}, [
        { text: upload.problem, href: `#${field}` },
      ]);
    const writer = new DirectoryWriter(this.directory, {
      actor: { id: request.actor!.id, role: 'admin' },
    });
    try {
      const counts = await run(upload.text, writer);
      this.pages.redirect(response, '/admin/imports', `${done}: ${countsInWords(counts)}`);
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      const count = error.problems.length;
      const summary = `The ${what} has ${count} ${count === 1 ? 'problem' : 'problems'}: fix ${count === 1 ? 'it' : 'them'} and upload the file again. Nothing was imported`;
      this.importsForm(request, response, kind, error.problems).show({}, [
        { text: summary, href: `#${field}` },
      ]);
    }
  }

  private importsForm(
    request: RequestWithIdentity,
    response: Response,
    refused: ImportKind | null,
    problems: readonly RowProblem[],
  ) {
    return new AdminForm(this.pages, request, response, 'admin/imports.njk', {
      pageTitle: 'Imports',
      backLink: { href: '/admin', text: 'Administration' },
      refused: refused ? IMPORTS[refused].what : null,
      problems,
    });
  }
}
