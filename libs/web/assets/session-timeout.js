// Warns two minutes before a signed-in session ends unused and lets the person stay signed in
// (WCAG 2.2.1, GOV.UK's timeout pattern); typing on the page keeps it going, so a long complaint
// is never lost to the idle timeout while someone is writing it.
const WARN_MS = 2 * 60 * 1000;
const TYPING_KEEPS_ALIVE_EVERY_MS = 5 * 60 * 1000;

export function watchSession(template) {
  const banner = template.content.firstElementChild.cloneNode(true);
  template.replaceWith(banner);
  const form = banner.querySelector('[data-sg-session-keep-alive]');
  const heading = banner.querySelector('[data-sg-session-timeout-heading]');
  const warning = banner.querySelector('[data-sg-session-timeout-warning]');
  const ended = banner.querySelector('[data-sg-session-timeout-ended]');
  let endsAt = Date.now() + Number(template.dataset.secondsLeft) * 1000;
  let keptAt = Date.now();
  let over = false;
  let timers = [];
  // Every page of the session moves its end on: a tab left open is told by those in use, so it
  // neither warns nor says the person was signed out while they work in another.
  const tabs = 'BroadcastChannel' in window ? new BroadcastChannel('sg-session') : null;

  const show = (signedOut) => {
    heading.textContent = signedOut ? 'You have been signed out' : 'You will be signed out soon';
    warning.hidden = signedOut;
    ended.hidden = !signedOut;
    form.hidden = signedOut;
    banner.hidden = false;
  };
  const end = () => {
    over = true;
    timers.forEach(clearTimeout);
    show(true);
  };
  const movedOn = (later) => {
    if (over || later <= endsAt) return;
    endsAt = later;
    banner.hidden = endsAt - Date.now() > WARN_MS;
    schedule();
  };
  const schedule = () => {
    timers.forEach(clearTimeout);
    const left = endsAt - Date.now();
    timers = [setTimeout(() => show(false), Math.max(0, left - WARN_MS)), setTimeout(end, left)];
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
      if (response.status === 401 || response.status === 403) return end();
      if (!response.ok) return;
      const { secondsLeft } = await response.json();
      endsAt = Date.now() + secondsLeft * 1000;
      banner.hidden = endsAt - Date.now() > WARN_MS;
      schedule();
      tabs?.postMessage(endsAt);
    } catch {
      // Offline for a moment: the warning stays, and the button can be pressed again.
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    keepAlive();
  });
  document.addEventListener('input', () => {
    if (!over && Date.now() - keptAt > TYPING_KEEPS_ALIVE_EVERY_MS) keepAlive();
  });
  tabs?.addEventListener('message', (event) => movedOn(Number(event.data)));
  tabs?.postMessage(endsAt);
  schedule();
}
