import { LOG_LEVELS } from '@sg/config';
import { TextLogger, withLogContext } from '@sg/observability';

/** Nest colours its lines unless NO_COLOR is set. */
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** What the logger writes to stdout and stderr while `work` runs, without colours. */
function written(work: () => void): string {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    work();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return chunks.join('').replace(COLOUR, '');
}

describe('the text log format', () => {
  it('keeps Nest’s console lines, without email addresses, with the fields and the request’s ids after the message', () => {
    const logger = new TextLogger([...LOG_LEVELS]);
    const text = written(() =>
      withLogContext({ requestId: 'request-1', correlationId: 'correlation-1' }, () =>
        logger.warn(
          'notification n-1 to jane.head@brookside.lancs.sch.uk failed',
          { complaintId: 'c-1', contact: { name: 'Jane Headteacher' } },
          'Notifications',
        ),
      ),
    );
    expect(text).toMatch(
      /^\[Nest\] \d+ {2}- .+ +WARN \[Notifications\] notification n-1 to \[email\] failed complaintId=c-1 contact=\[redacted\] requestId=request-1 correlationId=correlation-1\n$/,
    );
    expect(text).not.toContain('Jane');
  });

  it('shows only the levels LOG_LEVEL lets through', () => {
    const logger = new TextLogger(['fatal', 'error', 'warn']);
    expect(written(() => logger.log('started', 'Worker'))).toBe('');
    expect(written(() => logger.error('stopped', 'Worker'))).toContain('ERROR [Worker] stopped');
  });
});
