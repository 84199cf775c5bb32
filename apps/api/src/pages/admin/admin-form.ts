import { type Response } from 'express';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { errorsByField, type FormCheck } from '../core/page-form';
import { type PageError, type PageRenderer } from '../core/page-renderer';
import { adminRefusal } from './admin-refusal';

type Form = Record<string, unknown>;

/** Where a form that did its work sends the administrator, and what the page there tells them. */
export interface Done {
  readonly to: string;
  readonly flash: string;
}

/**
 * One of the administrators' form pages, for the request at hand: shown blank, or shown again as
 * posted with what to put right.
 */
export class AdminForm {
  constructor(
    private readonly pages: PageRenderer,
    private readonly request: RequestWithIdentity,
    private readonly response: Response,
    private readonly view: string,
    private readonly context: Record<string, unknown>,
  ) {}

  /** Shown with errors, the page is a 400: the post did not do what it asked. */
  show(values: Form = {}, errors: readonly PageError[] = []): void {
    this.pages.render(
      this.request,
      this.response,
      this.view,
      { ...this.context, values, errorList: errors, fieldErrors: errorsByField(errors) },
      errors.length > 0 ? 400 : 200,
    );
  }

  /**
   * Does what a checked form asks, then redirects where `act` says. The DTO's problems show the
   * form again with `values`; so does a refusal the administrator can put right, beside the field
   * at `refusalAt`. Without `refusalAt`, nothing `act` throws is theirs to fix.
   */
  async submit<Dto>(
    values: Form,
    checked: FormCheck<Dto>,
    act: (value: Dto) => Promise<Done>,
    refusalAt?: string,
  ): Promise<void> {
    if (!checked.ok) return this.show(values, checked.errors);
    let done: Done;
    try {
      done = await act(checked.value);
    } catch (error) {
      if (refusalAt === undefined) throw error;
      return this.show(values, [adminRefusal(error, refusalAt)]);
    }
    this.pages.redirect(this.response, done.to, done.flash);
  }
}
