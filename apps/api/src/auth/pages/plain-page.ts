const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe to put in HTML, in an element or a quoted attribute. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

/**
 * A minimal accessible page for the steps of signing in that a link in an email opens, until the
 * GOV.UK pages take them over: plain semantic HTML, no script, nothing inline for the CSP to allow.
 */
export function plainPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Service Guarantee</title>
</head>
<body>
<main id="main-content">
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}
