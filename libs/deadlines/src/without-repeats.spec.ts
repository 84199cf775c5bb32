import { withoutRepeats } from './without-repeats';

describe('withoutRepeats', () => {
  it('says a warning once, then again after the interval with how often it came meanwhile', () => {
    let clock = 0;
    const said: string[] = [];
    const warn = withoutRepeats(
      (message) => said.push(message),
      1_000,
      () => clock,
    );
    warn('deadline queue: connect ECONNREFUSED');
    warn('deadline queue: connect ECONNREFUSED');
    warn('maintenance: connect ECONNREFUSED');
    clock = 500;
    warn('deadline queue: connect ECONNREFUSED');
    clock = 1_200;
    warn('deadline queue: connect ECONNREFUSED');
    clock = 2_300;
    warn('deadline queue: connect ECONNREFUSED');
    expect(said).toEqual([
      'deadline queue: connect ECONNREFUSED',
      'maintenance: connect ECONNREFUSED',
      'deadline queue: connect ECONNREFUSED (2 times more since)',
      'deadline queue: connect ECONNREFUSED',
    ]);
  });
});
