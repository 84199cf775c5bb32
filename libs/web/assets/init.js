import { initAll } from '/assets/govuk-frontend.min.js';
import { watchSession } from '/assets/session-timeout.js';

initAll();
const timeout = document.querySelector('[data-sg-session-timeout]');
if (timeout) watchSession(timeout);
