// LaTeX in BibTeX field values → plain Unicode text: accents (\'e, {\"o}, \v{c}), named
// letters (\ss, \o, \aa), escaped specials (\&, \%), dashes and quotes, text commands
// (\emph{…}, \textbf{…}) and the braces that protect case ({BERT}, {{ZnO}}). Unknown
// commands keep their argument and lose their name: nothing readable is dropped.

/** Combining marks of the accent commands. */
const ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
  b: '\u0331',
  t: '\u0361',
};

/** Commands that stand for a character or a short text. */
const SYMBOLS: Record<string, string> = {
  i: 'ı',
  j: 'ȷ',
  ss: 'ß',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  o: 'ø',
  O: 'Ø',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
  textendash: '–',
  textemdash: '—',
  textquoteright: '’',
  textquoteleft: '‘',
  textquotedblleft: '“',
  textquotedblright: '”',
  textbackslash: '\\',
  textasciitilde: '~',
  textunderscore: '_',
  textbar: '|',
  textless: '<',
  textgreater: '>',
  textregistered: '®',
  texttrademark: '™',
  copyright: '©',
  textdegree: '°',
  textperiodcentered: '·',
  textbullet: '•',
  dots: '…',
  ldots: '…',
  textellipsis: '…',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  BibTeX: 'BibTeX',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  Gamma: 'Γ',
  delta: 'δ',
  Delta: 'Δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  Theta: 'Θ',
  kappa: 'κ',
  lambda: 'λ',
  Lambda: 'Λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  Pi: 'Π',
  rho: 'ρ',
  sigma: 'σ',
  Sigma: 'Σ',
  tau: 'τ',
  phi: 'φ',
  varphi: 'φ',
  Phi: 'Φ',
  chi: 'χ',
  psi: 'ψ',
  Psi: 'Ψ',
  omega: 'ω',
  Omega: 'Ω',
  infty: '∞',
  times: '×',
  pm: '±',
  leq: '≤',
  geq: '≥',
  le: '≤',
  ge: '≥',
  neq: '≠',
  approx: '≈',
  rightarrow: '→',
  to: '→',
  leftarrow: '←',
  cdot: '·',
  ell: 'ℓ',
  sim: '∼',
  circ: '∘',
  prime: '′',
  '&': '&',
  '%': '%',
  $: '$',
  '#': '#',
  _: '_',
  '{': '{',
  '}': '}',
  ' ': ' ',
  ',': ' ',
  ';': ' ',
  '!': '',
  '/': '',
  '-': '', // a hyphenation hint
  '\\': ' ',
};

const SIMPLE = /[\\{}$~-]|``|''/u;
/** The next character that may start something to convert. */
const PLAIN = /[\\{}$~\-`']/gu;

/** Plain text of a LaTeX field value. */
export function latexToText(input: string): string {
  if (!SIMPLE.test(input)) return collapseSpace(input);
  let out = '';
  let i = 0;
  const n = input.length;
  const accented = input.includes('\\');
  while (i < n) {
    const ch = input[i] as string;
    if (ch === '\\') {
      const [text, next] = command(input, i);
      out += text;
      i = next;
    } else if (ch === '{' || ch === '}' || ch === '$') {
      i++;
    } else if (ch === '~') {
      out += ' ';
      i++;
    } else if (ch === '-' && input.startsWith('---', i)) {
      out += '—';
      i += 3;
    } else if (ch === '-' && input.startsWith('--', i)) {
      out += '–';
      i += 2;
    } else if (ch === '`' && input[i + 1] === '`') {
      out += '“';
      i += 2;
    } else if (ch === "'" && input[i + 1] === "'") {
      out += '”';
      i += 2;
    } else {
      PLAIN.lastIndex = i + 1;
      const next = PLAIN.exec(input);
      const end = next ? next.index : n;
      out += input.slice(i, end);
      i = end;
    }
  }
  return collapseSpace(accented ? out.normalize('NFC') : out);
}

/** Runs of white space as one space, trimmed; most values have none to collapse (no new string then). */
function collapseSpace(s: string): string {
  return SPACE_RUN.test(s) ? s.replace(/\s+/gu, ' ').trim() : s.trim();
}

/** Two white-space characters in a row, or one that is not a plain space. */
const SPACE_RUN = /\s\s|[^\S ]/u;

/** A command at `start` (the backslash): its text and where the input continues. */
function command(s: string, start: number): [string, number] {
  let i = start + 1;
  const first = s[i];
  if (first === undefined) return ['', i];
  let name: string;
  if (/[A-Za-z]/u.test(first)) {
    let j = i;
    while (j < s.length && /[A-Za-z]/u.test(s[j] as string)) j++;
    name = s.slice(i, j);
    i = j;
  } else {
    name = first;
    i++;
  }
  const accent = ACCENTS[name];
  // One-letter accent commands (\c, \v, \u...) only when followed by an argument: \'e,
  // \"{o}, \v{c}, and as TeX reads a letter command, the letter after its space: {\c c},
  // {\v c}, {\H o} (330 such accents in ../shared/testdata/bib; they were dropped).
  if (accent !== undefined && (name.length === 1 || name === 'H')) {
    const letterName = /[A-Za-z]/u.test(name);
    let j = i;
    if (letterName) while (s[j] === ' ') j++;
    const [arg, next] = argument(s, j, !letterName || s[j] === '{' || j > i);
    if (arg !== null) {
      const base = arg.length > 0 ? latexToText(arg) : ' ';
      return [base.slice(0, 1) + accent + base.slice(1), next];
    }
  }
  const symbol = SYMBOLS[name];
  if (symbol !== undefined) {
    // A letter command eats one space after it ("\ss e" is "ße"); \i{} is ı.
    if (/[A-Za-z]/u.test(name)) {
      if (s[i] === ' ') i++;
      else if (s.startsWith('{}', i)) i += 2;
    }
    return [symbol, i];
  }
  if (/[A-Za-z]/u.test(name)) {
    // \emph{x}, \textbf{x}, \url{x}, \href{url}{text}: keep the text. Bare commands vanish.
    while (s[i] === ' ') i++;
    if (s[i] === '{') {
      const [arg, next] = argument(s, i, true);
      if (name === 'href' && s[next] === '{') {
        const [text, after] = argument(s, next, true);
        return [latexToText(text ?? ''), after];
      }
      return [latexToText(arg ?? ''), next];
    }
    return ['', i];
  }
  return [name, i];
}

/** A braced group or, when `single` allows it, one character. */
function argument(s: string, i: number, single: boolean): [string | null, number] {
  if (s[i] === '{') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      if (s[j] === '\\') {
        j++;
        continue;
      }
      if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) return [s.slice(i + 1, j), j + 1];
    }
    return [s.slice(i + 1), s.length];
  }
  if (s[i] === '\\') {
    const [text, next] = command(s, i);
    return [text, next];
  }
  if (single && i < s.length && s[i] !== '}') return [s[i] as string, i + 1];
  return [null, i];
}
