import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ComplaintRepository } from '@sg/complaint-service';
import { requireAccess } from '@sg/complaints';
import {
  IdempotencyInterceptor,
  type RequestWithIdempotency,
} from '../http/idempotency.interceptor';
import { IdempotencyStore, type StoredResponse } from '../http/idempotency-store';

const LODGED_AT = /^\/api\/complaints\/([^/?#]+)$/;

/**
 * The complaints' answers given again only to a caller who may still see the complaint: a head who
 * moved to another school, or a manager whose services changed, retrying a key of theirs is told
 * the complaint does not exist, as a new request would be, not shown its state as it was then.
 * The complaint is read from the store, not the read model, which may not have reached it yet.
 */
@Injectable()
export class ComplaintIdempotencyInterceptor extends IdempotencyInterceptor {
  constructor(
    store: IdempotencyStore,
    reflector: Reflector,
    private readonly complaints: ComplaintRepository,
  ) {
    super(store, reflector);
  }

  protected override async mayReplay(
    request: RequestWithIdempotency,
    first: StoredResponse,
  ): Promise<void> {
    const complaintId =
      (request.params as Record<string, string | undefined>).id ??
      LODGED_AT.exec(first.headers.location ?? '')?.[1];
    if (!complaintId || !request.actor) return;
    const { state } = await this.complaints.load(complaintId);
    requireAccess(request.actor, state);
  }
}
