import { isForwarded, withoutQuotedHistory } from './without-quoted-history';

const lines = (...text: string[]) => text.join('\n');

const COMPLAINT_HISTORY = [
  '> Dear Brookside Primary School,',
  '>',
  '> Your complaint SG-2026-000123 has been received.',
];

describe('withoutQuotedHistory', () => {
  it('keeps a message that quotes nothing as it is', () => {
    const text = lines('Dear Sir or Madam,', '', 'The invoice is wrong.', '', 'Jane Head');
    expect(withoutQuotedHistory(text)).toBe(text);
  });

  it("cuts Gmail's attribution line and the quotation below it", () => {
    expect(
      withoutQuotedHistory(
        lines(
          'Thank you, we will send the timesheets on Friday.',
          '',
          'Jane',
          '',
          'On Tue, 3 Mar 2026 at 10:01, Service Guarantee <complaints@county.example> wrote:',
          '',
          ...COMPLAINT_HISTORY,
        ),
      ),
    ).toBe(lines('Thank you, we will send the timesheets on Friday.', '', 'Jane'));
  });

  it("cuts Gmail's attribution when Gmail wraps it over two lines", () => {
    // Gmail hard-wraps its plain text part, attribution included, near 76 characters.
    expect(
      withoutQuotedHistory(
        lines(
          'Thank you, we will send the timesheets on Friday.',
          '',
          'On Tue, 3 Mar 2026 at 10:01, Service Guarantee for Schools <',
          'complaints@county.example> wrote:',
          '',
          ...COMPLAINT_HISTORY,
        ),
      ),
    ).toBe('Thank you, we will send the timesheets on Friday.');
  });

  it("cuts Apple Mail's attribution line", () => {
    expect(
      withoutQuotedHistory(
        lines(
          'Yes, that is right.',
          '',
          'On 3 Mar 2026, at 10:01, Service Guarantee <complaints@county.example> wrote:',
          '',
          ...COMPLAINT_HISTORY,
        ),
      ),
    ).toBe('Yes, that is right.');
  });

  it("cuts Outlook's -----Original Message----- and everything after it", () => {
    expect(
      withoutQuotedHistory(
        lines(
          'Please see the attached timesheet.',
          '',
          '-----Original Message-----',
          'From: Service Guarantee <complaints@county.example>',
          'Sent: 03 March 2026 10:01',
          'To: office@brookside.example',
          'Subject: Your complaint SG-2026-000123 has been received',
          '',
          'Dear Brookside Primary School,',
        ),
      ),
    ).toBe('Please see the attached timesheet.');
  });

  /** Outlook's header block as it quotes the council's email, with any lines between To and Subject. */
  const outlookBlock = (...afterTo: string[]) => [
    'From: Service Guarantee <complaints@county.example>',
    'Sent: Tuesday, March 3, 2026 10:01 AM',
    'To: Office <office@brookside.example>',
    ...afterTo,
    'Subject: Your complaint SG-2026-000123 has been received',
    '',
    'Dear Brookside Primary School,',
  ];

  it("cuts Outlook's From / Sent / To / Subject block, with and without its underscore rule", () => {
    const block = outlookBlock();
    expect(withoutQuotedHistory(lines('Agreed.', '', 'Jane Head', '', ...block))).toBe(
      lines('Agreed.', '', 'Jane Head'),
    );
    expect(
      withoutQuotedHistory(lines('Agreed.', '', '________________________________', ...block)),
    ).toBe('Agreed.');
  });

  it('cuts the rule Outlook draws above its block, as its HTML turns into text', () => {
    expect(
      withoutQuotedHistory(
        lines('Found it in spam, thank you.', '', 'Mark', '', '-'.repeat(80), ...outlookBlock()),
      ),
    ).toBe(lines('Found it in spam, thank you.', '', 'Mark'));
    // A rule of the school's own, above words it kept, stays.
    expect(withoutQuotedHistory(lines('Agenda', '---', 'Item one'))).toBe(
      lines('Agenda', '---', 'Item one'),
    );
  });

  it("cuts Outlook for Mac's From / Date block", () => {
    expect(
      withoutQuotedHistory(
        lines(
          'Agreed.',
          '',
          'From: Service Guarantee <complaints@county.example>',
          'Date: Tuesday, 3 March 2026 at 10:01',
          'To: Office <office@brookside.example>',
          'Subject: Your complaint',
        ),
      ),
    ).toBe('Agreed.');
  });

  it('cuts a trailing run of "> " quoted lines', () => {
    expect(
      withoutQuotedHistory(lines('Noted, thank you.', '', ...COMPLAINT_HISTORY, '', '> ', '')),
    ).toBe('Noted, thank you.');
  });

  it("keeps a person's answers written between the lines they quote", () => {
    const text = lines(
      '> Was the invoice paid?',
      'Yes, on 3 March by BACS.',
      '',
      '> Do you have a remittance advice?',
      'Attached.',
      '',
      '> When did the supply teacher leave?',
    );
    const kept = withoutQuotedHistory(text);
    expect(kept).toContain('Yes, on 3 March by BACS.');
    expect(kept).toContain('Attached.');
  });

  it("keeps a person's inline answers below Gmail's attribution line", () => {
    const kept = withoutQuotedHistory(
      lines(
        'Hello, my answers are below.',
        '',
        'On Tue, 3 Mar 2026 at 10:01, Service Guarantee <complaints@county.example> wrote:',
        '> Was the invoice paid?',
        'Yes, on 3 March by BACS.',
        '',
        '> Do you have a remittance advice?',
        'Attached.',
      ),
    );
    expect(kept).toContain('Hello, my answers are below.');
    expect(kept).toContain('Yes, on 3 March by BACS.');
    expect(kept).toContain('Attached.');
  });

  it('keeps a reply that is nothing but quotation whole', () => {
    const text = lines(...COMPLAINT_HISTORY);
    expect(withoutQuotedHistory(text)).toBe(text);
    const attributed = lines(
      'On Tue, 3 Mar 2026 at 10:01, Service Guarantee <complaints@county.example> wrote:',
      ...COMPLAINT_HISTORY,
    );
    expect(withoutQuotedHistory(attributed)).toBe(attributed);
  });

  it('keeps nothing of a reply to our own mail that is nothing but its quotation: our words are not the school’s', () => {
    const blank = lines(
      'On Mon, 7 Dec 2026 at 09:40, Service Guarantee <complaints@county.example> wrote:',
      '> Reply to this email with "resolved", or with "not resolved" and why.',
    );
    expect(withoutQuotedHistory(blank, { quotesOurs: true })).toBe('');
    const fromAPhone = lines('Sent from my iPhone', '', ...COMPLAINT_HISTORY);
    expect(withoutQuotedHistory(fromAPhone, { quotesOurs: true })).toBe('');
    // Answered below the quote, the answer is what is kept, not our instructions above it.
    expect(
      withoutQuotedHistory(lines(...blank.split('\n'), '', 'Resolved, thank you.'), {
        quotesOurs: true,
      }),
    ).toBe('Resolved, thank you.');
    // Answered between the quoted lines, the answers are kept, without the lines they answer.
    expect(
      withoutQuotedHistory(
        lines(
          'On Tue, 22 Apr 2025 at 10:01, Music Service <music@county.gov.uk> wrote:',
          '> Which dates?',
          '3 and 10 March.',
          '> Who came?',
          'Nobody.',
        ),
        { quotesOurs: true },
      ),
    ).toBe(lines('3 and 10 March.', 'Nobody.'));
    // A sentence of the school's own that reads like one, and what it quotes, stay its own.
    const theirs = lines(
      'Resolved, thanks.',
      'On Tuesday, however, Mr Patel wrote:',
      '> I still have not had my refund',
      'So we need to look at this again.',
    );
    expect(withoutQuotedHistory(theirs, { quotesOurs: true })).toBe(theirs);
    // What the school wrote above it is kept as ever.
    expect(
      withoutQuotedHistory(lines('Resolved', '', ...blank.split('\n')), { quotesOurs: true }),
    ).toBe('Resolved');
  });

  it('cuts "Sent from my iPhone" and the history below it', () => {
    expect(
      withoutQuotedHistory(
        lines(
          'Will call you tomorrow.',
          '',
          'Sent from my iPhone',
          '',
          '> On 3 Mar 2026, at 10:01, Service Guarantee <complaints@county.example> wrote:',
          '>',
          ...COMPLAINT_HISTORY,
        ),
      ),
    ).toBe('Will call you tomorrow.');
  });

  it.each([
    [
      'a line of the message that starts "From: " with no Sent or Date after it',
      ['Dear Sir or Madam,', '', 'From: our records, the invoice was paid on 3 March.'],
      ['To be clear, we owe nothing further.'],
    ],
    [
      'the school’s own From and Sent lines, with no Subject among them',
      ['Here are the details you asked for:', 'From: Mr R Thomas, chair of governors'],
      ['Date raised: 12 November', 'Sent: to the governors and the head on 13 November'],
    ],
  ])('keeps %s', (_, opening, following) => {
    const text = lines(...opening, ...following, '', 'Jane Head');
    expect(withoutQuotedHistory(text)).toBe(text);
  });

  it('cuts a quoted header block whose long Cc line wrapped, pushing Subject down', () => {
    expect(
      withoutQuotedHistory(
        lines(
          'Agreed.',
          '',
          ...outlookBlock(
            'Cc: Head <head@brookside.example>; Bursar <bursar@brookside.example>;',
            ' Deputy <deputy@brookside.example>; Chair <chair@brookside.example>;',
            ' Clerk <clerk@brookside.example>',
          ),
        ),
      ),
    ).toBe('Agreed.');
    expect(
      withoutQuotedHistory(
        lines('Fine.', '', 'Sent from my Samsung Galaxy smartphone.', '> Before'),
      ),
    ).toBe('Fine.');
  });

  it('keeps a line that starts "Sent from my" but is the school’s own sentence', () => {
    const text = lines('Our reply:', 'Sent from my office: the hearing is on 15 January.');
    expect(withoutQuotedHistory(text)).toBe(text);
    expect(
      withoutQuotedHistory(lines('Fine by us.', '', 'Sent from Outlook for iOS', '', '> Earlier')),
    ).toBe('Fine by us.');
  });

  it('keeps a sentence that begins "On … wrote:" when what follows is not quoted', () => {
    const text = lines(
      'Dear Sir or Madam,',
      '',
      'On 3 March our bursar wrote:',
      '',
      'The invoice was paid in full on 28 February.',
      '',
      'We have had no reply since.',
    );
    expect(withoutQuotedHistory(text)).toBe(text);
  });

  it('trims the blank lines around what it keeps', () => {
    expect(withoutQuotedHistory(lines('', '  ', 'Fine.', '', '', '> old', ''))).toBe('Fine.');
  });
});

describe('isForwarded', () => {
  const gmail = lines(
    'Please treat this as our complaint.',
    '',
    '---------- Forwarded message ---------',
    'From: Jane Head <head@brookside.example>',
    'Date: Mon, 2 Mar 2026 at 09:12',
    'Subject: Payroll',
    '',
    'The March payroll was wrong for six staff.',
  );

  it('knows a forward by "Fwd:" or "FW:", or by the rule Gmail and Apple Mail write', () => {
    expect(isForwarded('Fwd: Payroll', 'See below.')).toBe(true);
    expect(isForwarded('FW: Payroll', 'See below.')).toBe(true);
    expect(isForwarded('Payroll', gmail)).toBe(true);
    expect(isForwarded('Payroll', lines('See below.', '', 'Begin forwarded message:', ''))).toBe(
      true,
    );
  });

  it('does not take a reply, or a message that talks about forwarding, for one', () => {
    expect(isForwarded('Re: Payroll', lines('On Mon, Jane wrote:', '> The payroll'))).toBe(false);
    expect(isForwarded('Forwarding address changed', 'Please note our new address.')).toBe(false);
  });
});
