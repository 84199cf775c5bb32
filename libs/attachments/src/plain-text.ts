// Control characters but tab, LF and CR, C1 controls included: no text a school writes has them.
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
// Markup: what a browser would render as a page or a picture (HTML, SVG, XML), were it ever asked.
const MARKUP = /^\s*</;

/**
 * Whether the bytes are plain text: well-formed UTF-8 (a byte-order mark allowed), without control
 * characters other than tab, CR and LF, and not beginning as markup does.
 */
export function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !CONTROL.test(text) && !MARKUP.test(text);
}
