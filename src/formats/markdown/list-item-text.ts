// CommonMark reads "[Title]: destination" at the start of any block as a link reference
// definition, and a definition renders as nothing. In a reading list that line is an entry
// whose author left the URL out or wrote it after a colon:
//   - [Flash Decoding Paper]: todo
//   - [Efficient Streaming Language Models with Attention Sinks]: https://arxiv.org/abs/2309.17453
// As definitions the first row vanished and the second's URL landed on the row before it.
// Lists define their references below the list, not inside a bullet, so inside a list item
// the line stays text and the row is read as any other ("[Title]: note", list-node.ts).

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

/** Gives `md` reference definitions everywhere but inside list items. */
export function useTextReferencesInLists<T extends BlockParser>(md: T): T {
  const reference = md.block.ruler.__rules__.find((r) => r.name === 'reference')?.fn;
  if (!reference) throw new Error("markdown-it has no 'reference' block rule");
  md.block.ruler.at('reference', (state, startLine, endLine, silent) =>
    state.parentType === 'list' ? false : reference(state, startLine, endLine, silent),
  );
  return md;
}
