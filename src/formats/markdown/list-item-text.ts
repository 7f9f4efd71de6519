// CommonMark reads "[Title]: destination" at the start of any block as a link reference
// definition, and a definition renders as nothing. In a reading list that line is an entry
// whose author left the URL out or wrote it after a colon:
//   - [Flash Decoding Paper]: todo
//   - [Efficient Streaming Language Models with Attention Sinks]: https://arxiv.org/abs/2309.17453
// As definitions the first row vanished and the second's URL landed on the row before it.
// On the line of a list item's marker the line therefore stays text, and the row is read as
// any other ("[Title]: note", list-node.ts). Definitions on the item's later lines stay
// definitions: a list may define its references indented under its last bullet.

import type { StateBlock } from 'markdown-it';

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

interface BlockParser {
  block: {
    ruler: {
      __rules__: Array<{ name: string; fn: BlockRule }>;
      at(name: string, fn: BlockRule): void;
    };
  };
}

/**
 * What precedes a list item's text on the line of its marker: "- ", "  12. ", "- > " when
 * the item opens with a quote ("- > [Title]: todo"), ">- " in a quote.
 */
const MARKER_BEFORE = /(?:^|[\s>])(?:[-*+]|\d{1,9}[.)])\s*(?:>\s*)*$/u;

/** Gives `md` reference definitions everywhere but on the line of a list item's marker. */
export function useTextReferencesInLists<T extends BlockParser>(md: T): T {
  const reference = md.block.ruler.__rules__.find((r) => r.name === 'reference')?.fn;
  if (!reference) throw new Error("markdown-it has no 'reference' block rule");
  md.block.ruler.at('reference', (state, startLine, endLine, silent) => {
    if (state.parentType === 'list' || state.parentType === 'blockquote') {
      // What stands on the line before its text: inside a list or a quote, markdown-it moves
      // the line's start past the markers, so the line is read from its last newline.
      const textStart = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
      const lineStart = state.src.lastIndexOf('\n', textStart - 1) + 1;
      if (MARKER_BEFORE.test(state.src.slice(lineStart, textStart))) return false;
    }
    return reference(state, startLine, endLine, silent);
  });
  return md;
}
