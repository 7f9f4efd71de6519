// A small element tree for feeds and API answers, built on htmlparser2's XML mode.
// htmlparser2 is forgiving: it closes whatever is left open and carries on. For answers
// from the network that hides the one failure that matters, a body cut short, so this
// builder refuses a document when the parser had to close an element on its own
// (truncation, or a mismatched end tag). Stray end tags are dropped, as the parser does.
// Namespace prefixes are resolved, so `<arxiv:doi>` is found whatever prefix a producer
// picked, including arXiv's 2016 answers that declare the namespace on every element.
// No DTD is read, so no external or expanding entities: only the five XML entities and
// character references are decoded.

import { Parser } from 'htmlparser2';

export interface XmlElement {
  /** The name as written, prefix included (`arxiv:doi`). */
  name: string;
  /** Local name without prefix (`doi`). */
  local: string;
  /** Namespace URI, '' when none applies. */
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    /** Name of the first element of the document, when there was one ("html" tells a web page). */
    readonly rootName: string | null,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

interface Open {
  element: XmlElement;
  /** Prefix to URI map in scope for this element. */
  scope: Map<string, string>;
  start: number;
  end: number;
}

/** Parses `text` into its root element, or throws XmlSyntaxError with a one-line reason. */
export function parseXml(text: string): XmlElement {
  const stack: Open[] = [];
  let root: XmlElement | null = null;
  let rootName: string | null = null;
  let failure: string | null = null;
  let ending = false;
  let extraRoot = false;

  const lineAt = (index: number): number => {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
    return line;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (failure !== null) return;
        const parentScope = stack.at(-1)?.scope ?? new Map([['xml', XML_NS]]);
        let scope = parentScope;
        for (const [attr, value] of Object.entries(attribs)) {
          if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
            if (scope === parentScope) scope = new Map(parentScope);
            scope.set(attr === 'xmlns' ? '' : attr.slice(6), value);
          }
        }
        const colon = name.indexOf(':');
        const prefix = colon === -1 ? '' : name.slice(0, colon);
        const element: XmlElement = {
          name,
          local: colon === -1 ? name : name.slice(colon + 1),
          ns: scope.get(prefix) ?? '',
          attrs: attribs,
          children: [],
        };
        const parent = stack.at(-1);
        if (parent !== undefined) {
          parent.element.children.push(element);
        } else if (root === null) {
          root = element;
          rootName = element.local;
        } else {
          extraRoot = true;
        }
        stack.push({ element, scope, start: parser.startIndex, end: parser.endIndex });
      },
      onclosetag(name, isImplied) {
        const open = stack.pop();
        if (failure !== null || open === undefined) return;
        if (!isImplied) return;
        // A self-closing tag (`<link .../>`) is reported as implied too, at its own position.
        if (!ending && parser.startIndex === open.start && parser.endIndex === open.end) return;
        failure = ending
          ? `the document ends inside <${name}> opened at line ${lineAt(open.start)} (truncated?)`
          : `<${name}> opened at line ${lineAt(open.start)} is not closed before line ${lineAt(parser.startIndex)}`;
      },
      ontext(data) {
        if (failure !== null) return;
        const parent = stack.at(-1);
        if (parent === undefined) return;
        const siblings = parent.element.children;
        const lastIndex = siblings.length - 1;
        const last = siblings[lastIndex];
        // The parser hands text over in pieces (around each entity): join them.
        if (typeof last === 'string') siblings[lastIndex] = last + data;
        else siblings.push(data);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  ending = true;
  parser.end();

  if (failure !== null) throw new XmlSyntaxError(failure, rootName);
  if (root === null) {
    throw new XmlSyntaxError(text.trim() === '' ? 'the body is empty' : 'no XML element found', null);
  }
  if (extraRoot) throw new XmlSyntaxError('more than one root element', rootName);
  return root;
}

// ---------------------------------------------------------------------------------------
// Reading the tree

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/** A namespace URI, several (any of them matches), or undefined for any namespace. */
export type NsFilter = string | readonly string[] | undefined;

function inNs(el: XmlElement, ns: NsFilter): boolean {
  return ns === undefined || (typeof ns === 'string' ? el.ns === ns : ns.includes(el.ns));
}

/** Children with local name `local` in namespace `ns`. */
export function childrenNamed(el: XmlElement, local: string, ns?: NsFilter): XmlElement[] {
  return childElements(el).filter((c) => c.local === local && inNs(c, ns));
}

export function firstChild(el: XmlElement, local: string, ns?: NsFilter): XmlElement | null {
  for (const c of el.children) {
    if (typeof c !== 'string' && c.local === local && inNs(c, ns)) return c;
  }
  return null;
}

/** All text inside `el`, descendants included, as the document has it (no trimming). */
export function textOf(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += typeof c === 'string' ? c : textOf(c);
  return out;
}

/** Text of the first matching child, or null when there is none. */
export function childText(el: XmlElement, local: string, ns?: NsFilter): string | null {
  const c = firstChild(el, local, ns);
  return c === null ? null : textOf(c);
}

// ---------------------------------------------------------------------------------------
// Bytes to text

const XML_DECLARED_ENCODING = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

/**
 * Decodes a response body: the charset of the Content-Type header wins (RFC 7303), then
 * a byte-order mark, then the XML declaration, then UTF-8. Labels TextDecoder does not
 * know fall back to UTF-8; undecodable bytes become U+FFFD rather than failing a feed.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  let label = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1] ?? null;
  if (label === null) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  }
  if (label === null) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
    label = XML_DECLARED_ENCODING.exec(head.trimStart())?.[1] ?? 'utf-8';
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
