/**
 * Characters a terminal would act on or hide instead of showing: Unicode's control characters (Cc:
 * C0, DEL, C1, so ESC/CSI/OSC sequences cannot clear the screen, set the title or make hyperlinks),
 * format characters (Cf: the bidi embeddings, overrides and isolates U+202A-202E and U+2066-2069,
 * U+200E/200F/061C marks, zero-width spaces and joiners, U+FEFF, soft hyphen, tag characters, which
 * reorder or hide text), line and paragraph separators (Zl, Zp) and lone surrogates (Cs).
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\\]/gu;

/** Options of {@link escapeForTerminal}. */
export interface EscapeOptions {
  /** leave `\n` as a line break (messages); otherwise it is shown as `\n` (table cells) */
  keepNewlines?: boolean;
  /** show `\` as `\\`, so an escape in the output cannot be confused with the same text in the value (table cells) */
  escapeBackslash?: boolean;
}

/**
 * Text made safe to print on a terminal: every hidden or controlling character (see `HIDDEN`) written
 * as a visible escape, `\t` `\n` `\r` by name, others `\x1b`, `\u202e`, `\u{e0041}`.
 *
 * @example
 *   escapeForTerminal("a\x1b]0;pwned\x07b")  // "a\\x1b]0;pwned\\x07b"
 *   escapeForTerminal("\u202eexe.txt")       // "\\u202eexe.txt"
 */
export function escapeForTerminal(text: string, options: EscapeOptions = {}): string {
  return text.replace(HIDDEN, (ch) => {
    if (ch === "\\") return options.escapeBackslash ? "\\\\" : ch;
    if (ch === "\n") return options.keepNewlines ? ch : "\\n";
    if (ch === "\t") return "\\t";
    if (ch === "\r") return "\\r";
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x100) return "\\x" + code.toString(16).padStart(2, "0");
    if (code < 0x10000) return "\\u" + code.toString(16).padStart(4, "0");
    return "\\u{" + code.toString(16) + "}";
  });
}

/** The one control sequence trailhive itself writes to stderr: the progress line's return and erase. */
const PROGRESS_REDRAW = "\r\x1b[2K";

/**
 * Writes `text` with everything {@link escapeForTerminal} escapes shown, line breaks kept, and the
 * progress line's own redraw sequence left working: for stderr, where messages quote file names, skip
 * reasons and log values.
 *
 * @example
 *   escapeMessage("\r\x1b[2Kreading 3 files")  // unchanged
 *   escapeMessage("skipped x\x1b[2J.json")     // "skipped x\\x1b[2J.json"
 */
export function escapeMessage(text: string): string {
  return text
    .split(PROGRESS_REDRAW)
    .map((part) => escapeForTerminal(part, { keepNewlines: true }))
    .join(PROGRESS_REDRAW);
}
