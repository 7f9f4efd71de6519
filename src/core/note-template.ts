// The note `lectio note` starts from: the questions worth answering about a paper, with the
// item's code links already under "Code". Pure text; the CLI runs the editor.

export interface NoteTemplateItem {
  title: string;
  links: ReadonlyArray<{ url: string; role: string }>;
}

const SECTIONS = ['Problem', 'Method', 'Contribution', 'Code', 'Takeaways'] as const;

/**
 * A markdown note with one `## ` section per question, each followed by an empty line.
 * The title is not repeated in the note: lectio (and Obsidian, from the file name) shows it
 * above the note, and a heading copied here would go stale when the title is corrected.
 */
export function noteTemplate(item: NoteTemplateItem): string {
  const codeUrls = [...new Set(item.links.filter((l) => l.role === 'code').map((l) => l.url))];
  let out = '';
  for (const section of SECTIONS) {
    out += `## ${section}\n\n`;
    if (section === 'Code' && codeUrls.length > 0) {
      out += `${codeUrls.map((url) => `- ${url}\n`).join('')}\n`;
    }
  }
  return out;
}

/**
 * Whether `note` is the template as it was handed to the editor, give or take whitespace
 * (an editor that adds a final newline, strips trailing spaces or saves CRLF has not been
 * written in). Such a note is not stored: an empty note and an unfilled form say the same.
 */
export function isUntouchedTemplate(note: string, item: NoteTemplateItem): boolean {
  return withoutWhitespaceNoise(note) === withoutWhitespaceNoise(noteTemplate(item));
}

/** Lines trimmed, runs of white space made one space, blank lines dropped. */
function withoutWhitespaceNoise(text: string): string {
  return text
    .split(/\r\n?|\n/u)
    .map((line) => line.trim().replace(/\s+/gu, ' '))
    .filter((line) => line !== '')
    .join('\n');
}
