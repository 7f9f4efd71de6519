// One event of an item's history in words ("reading → read", "merged #12 (title)"): what
// `lectio show` and the web app's item page print.

/** An event as `show --json` and the API give it: its kind and time, and its data. */
export type HistoryEvent = Record<string, unknown> & { kind: string };

/** The event in words; a why is cut to `whyChars`. */
export function eventInWords(e: HistoryEvent, whyChars: number): string {
  switch (e.kind) {
    case 'status':
      return `${String(e.from)} → ${String(e.to)}${e.by === 'list' ? ' (a list)' : ''}`;
    case 'pass':
      return `pass ${String(e.pass)}`;
    case 'merge':
      return `merged #${String(e.from)} (${String(e.reason)})`;
    case 'unmerge':
      return e.into !== undefined
        ? `unmerged ${String(e.source)} into #${String(e.into)}`
        : `split from #${String(e.from)} (${String(e.source)})`;
    case 'rating':
      return e.rating === null ? 'rating cleared' : `rated ${String(e.rating)}`;
    case 'why':
      return `why: ${String(e.why).slice(0, whyChars)}`;
    case 'note':
      return `note (${String(e.chars)} characters)`;
    case 'importance':
      return `importance ${String(e.importance)}`;
    case 'enriched':
      return `arXiv metadata (${(e.fields as string[] | undefined)?.join(', ') || 'merged'})`;
    case 'topic': {
      const from = (e.from as string[] | undefined) ?? [];
      return `moved to ${String(e.to)}${from.length > 0 ? ` (from ${from.join(', ')})` : ''}`;
    }
    case 'kept':
      return `kept from the inbox${e.topic ? ` → ${String(e.topic)}` : ''}`;
    default:
      return e.kind;
  }
}
