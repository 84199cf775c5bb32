import { newestSignInLink } from './eml-files';

const json = { 'content-type': 'application/json' };

/** The name=value pairs a response set, ready to send back as a Cookie header. */
function cookiesFrom(response: Response, previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair.split('=');
    if (value) jar.set(name, value);
    else jar.delete(name);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/**
 * Signs in over HTTP as a person with a password; `code` gives the authenticator's code when the
 * person has a second factor. Resolves with the Cookie header to send from then on.
 */
export async function signInWithPassword(
  baseUrl: string,
  email: string,
  password: string,
  code?: () => string,
): Promise<string> {
  const signedIn = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password }),
  });
  if (signedIn.status !== 200) throw new Error(`sign-in answered ${signedIn.status}`);
  let cookie = cookiesFrom(signedIn);
  const { stage } = (await signedIn.json()) as { stage: string };
  if (stage === 'second-factor') {
    if (!code) throw new Error(`${email} needs a second factor`);
    const proved = await fetch(`${baseUrl}/api/auth/second-factor`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: JSON.stringify({ code: code() }),
    });
    if (proved.status !== 200) throw new Error(`second factor answered ${proved.status}`);
    cookie = cookiesFrom(proved, cookie);
  } else if (stage !== 'signed-in') {
    throw new Error(`sign-in stopped at ${stage}`);
  }
  return cookie;
}

/**
 * Signs school staff in as they would: ask for a link, find it in the mail (embedded mode writes
 * mail to DATA_DIR/outbox), open it, press the button. Resolves with the Cookie header.
 */
export async function signInByEmailLink(
  baseUrl: string,
  email: string,
  outbox: string,
): Promise<string> {
  const asked = await fetch(`${baseUrl}/api/auth/email-link`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email }),
  });
  if (asked.status !== 202) throw new Error(`asking for a link answered ${asked.status}`);
  const link = await newestSignInLink(outbox, email);
  const page = await fetch(`${baseUrl}${link}`);
  const formCookie = cookiesFrom(page);
  const html = await page.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)![1];
  const signedIn = await fetch(`${baseUrl}/auth/email-link`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie },
    body: new URLSearchParams({ token: field('token'), formToken: field('formToken') }).toString(),
  });
  if (signedIn.status !== 303) throw new Error(`the link's button answered ${signedIn.status}`);
  return cookiesFrom(signedIn, formCookie);
}
