// Warns two minutes before a signed-in session ends unused and lets the person stay signed in
// (WCAG 2.2.1, GOV.UK's timeout pattern); typing on the page keeps it going, so a long complaint
// is never lost to the idle timeout while someone is writing it. Near the session's absolute
// limit nothing keeps it going: the warning says so, and offers no button that would not help.
const WARN_MS = 2 * 60 * 1000;
const TYPING_KEEPS_ALIVE_EVERY_MS = 5 * 60 * 1000;
const RETRY_AFTER_FAILURE_MS = 30 * 1000;

export function watchSession(template) {
  const banner = template.content.firstElementChild.cloneNode(true);
  template.replaceWith(banner);
  const form = banner.querySelector('[data-sg-session-keep-alive]');
  const heading = banner.querySelector('[data-sg-session-timeout-heading]');
  const says = {
    warning: banner.querySelector('[data-sg-session-timeout-warning]'),
    final: banner.querySelector('[data-sg-session-timeout-final]'),
    stale: banner.querySelector('[data-sg-session-timeout-stale]'),
    ended: banner.querySelector('[data-sg-session-timeout-ended]'),
  };
  const idleMs = Number(template.dataset.secondsLeft) * 1000;
  // Kept alive by typing well before the warning, however short the idle timeout is set.
  const typingEvery = Math.min(TYPING_KEEPS_ALIVE_EVERY_MS, idleMs / 3);
  let endsAt = Date.now() + idleMs;
  let extendable = template.dataset.extendable === 'yes';
  let keptAt = Date.now();
  let over = false;
  let timers = [];
  // Every page of the session moves its end on: a tab left open is told by those in use, so it
  // neither warns nor says the person was signed out while they work in another.
  const tabs = 'BroadcastChannel' in window ? new BroadcastChannel('sg-session') : null;

  const show = (state) => {
    heading.textContent =
      state === 'ended'
        ? 'You have been signed out'
        : state === 'stale'
          ? 'This page is out of date'
          : 'You will be signed out soon';
    for (const [name, paragraph] of Object.entries(says)) paragraph.hidden = name !== state;
    form.hidden = state !== 'warning';
    banner.hidden = false;
  };
  const stop = (state) => {
    over = true;
    timers.forEach(clearTimeout);
    show(state);
  };
  const schedule = () => {
    timers.forEach(clearTimeout);
    const left = endsAt - Date.now();
    timers = [
      setTimeout(() => show(extendable ? 'warning' : 'final'), Math.max(0, left - WARN_MS)),
      setTimeout(() => stop('ended'), left),
    ];
  };
  const movedOn = (later) => {
    if (over || later <= endsAt) return;
    endsAt = later;
    banner.hidden = endsAt - Date.now() > WARN_MS;
    schedule();
  };
  const keepAlive = async () => {
    keptAt = Date.now();
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (response.status === 401) return stop('ended');
      // The page's token is an old session's: signed in again since, in another tab.
      if (response.status === 403) return stop('stale');
      if (!response.ok) throw new Error(String(response.status));
      const answer = await response.json();
      endsAt = Date.now() + answer.secondsLeft * 1000;
      extendable = answer.extendable !== false;
      banner.hidden = endsAt - Date.now() > WARN_MS;
      schedule();
      tabs?.postMessage(endsAt);
    } catch {
      // Offline for a moment: the warning stays, its button can be pressed again, and typing
      // tries again soon rather than a whole interval on.
      keptAt = Date.now() - typingEvery + RETRY_AFTER_FAILURE_MS;
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    keepAlive();
  });
  document.addEventListener('input', () => {
    if (!over && extendable && Date.now() - keptAt > typingEvery) keepAlive();
  });
  tabs?.addEventListener('message', (event) => movedOn(Number(event.data)));
  tabs?.postMessage(endsAt);
  schedule();
}
