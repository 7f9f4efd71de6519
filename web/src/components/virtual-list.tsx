// A list of `total` rows of one height that renders only the rows in view (and a few
// around), asking for them a page at a time: 100k items cost the DOM what 30 do.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  total: number;
  rowHeight: number;
  /** The row at an index, or undefined while its page is loading. */
  rowAt(index: number): T | undefined;
  /** Called with the visible range so the owner can fetch what it lacks. */
  onRange(first: number, last: number): void;
  renderRow(row: T | undefined, index: number): ComponentChildren;
  /** Index to keep in view (keyboard selection). */
  focusIndex?: number;
  label: string;
}

const OVERSCAN = 8;

export function VirtualList<T>(props: VirtualListProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const el = box.current;
    if (!el || props.focusIndex === undefined) return;
    const top = props.focusIndex * props.rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + props.rowHeight > el.scrollTop + el.clientHeight)
      el.scrollTop = top + props.rowHeight - el.clientHeight;
  }, [props.focusIndex]);
  const first = Math.max(0, Math.floor(scrollTop / props.rowHeight) - OVERSCAN);
  const last = Math.min(props.total - 1, Math.ceil((scrollTop + height) / props.rowHeight) + OVERSCAN);
  useEffect(() => {
    if (props.total > 0) props.onRange(first, last);
  }, [first, last, props.total]);
  const rows: ComponentChildren[] = [];
  for (let i = first; i <= last; i++) {
    rows.push(
      <div
        key={i}
        class="vrow"
        role="row"
        aria-rowindex={i + 1}
        style={{ transform: `translateY(${i * props.rowHeight}px)`, height: `${props.rowHeight}px` }}
      >
        {props.renderRow(props.rowAt(i), i)}
      </div>,
    );
  }
  return (
    <div
      ref={box}
      class="vlist"
      role="grid"
      aria-label={props.label}
      aria-rowcount={props.total}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
    >
      <div class="vspacer" style={{ height: `${props.total * props.rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
