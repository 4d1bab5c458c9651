/**
 * The two ways a report puts text into HTML (docs/ARCHITECTURE.md, Reports): escaped as text, or as
 * JSON inside a `<script type="application/json">` block. Everything from the logs goes through one of
 * them; the page's own script then writes it with `textContent`, never as markup.
 */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text for an HTML element's content or a quoted attribute value.
 *
 * @example
 *   escapeHtml(`<img src=x onerror="alert(1)">`) // "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * JSON that cannot end the script element holding it or start a comment there: `<`, `>` and `&` are
 * written as `\u003c`, `\u003e` and `\u0026` (JSON.parse reads them back as the same characters), and
 * U+2028/U+2029 are escaped too. Lone surrogates are already escaped by JSON.stringify.
 *
 * @example
 *   jsonForScript({ ua: "</script><script>alert(1)</script>" }) // '{"ua":"\\u003c/script\\u003e..."}'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A script's text as it can sit inside `<script>`: a library that spells `</script` or `<!--` in a
 * string or comment would end the element early or change how HTML reads it, so they become `<\/script`
 * and `<\!--`, which JavaScript reads as the same characters in strings, regular expressions and comments.
 */
export function inlineScriptText(text: string): string {
  return text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}
