// tdkt search, the text side: folding and tokens (as src/tdkt/search/terms.py), the query, and
// what one article's text says about it: are the words in a row, typed with these tone marks, how
// close; which passage to show and what to highlight. Pure functions, no DOM, no fetching.

export const WORD = /[\p{L}\p{N}_]+/gu;

const foldCache = new Map();
export function foldSyllable(s) {
  let f = foldCache.get(s);
  if (f === undefined) {
    f = s.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    if (foldCache.size < 100000) foldCache.set(s, f);
  }
  return f;
}

export function syllables(text) {
  return (text.normalize("NFC").match(WORD) || []).map(foldSyllable);
}

// Tokens with where they stand: [{s, e, f, r}] (start, end in `text`, folded, as written, lower case)
export function tokenize(text) {
  const out = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ s: m.index, e: m.index + m[0].length, f: foldSyllable(m[0]), r: m[0].toLowerCase() });
  }
  return out;
}

export function bigrams(tokens) {
  const out = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(tokens[i] + " " + tokens[i + 1]);
  return out;
}

// 'Đồ Sơn "huân chương"' -> {free: ["do","son"], phrases: [["huan","chuong"]], typed: [...]}
// typed: the runs the reader typed with tone marks, lower case, as written (for the accent rule)
export function parseQuery(q) {
  const phrases = [];
  const typed = [];
  const keep = (text, list) => {
    const t = syllables(text);
    if (t.length) {
      list.push(t);
      if (/[^\x00-\x7f]/.test(text)) typed.push((text.normalize("NFC").match(WORD) || []).map((w) => w.toLowerCase()));
    }
  };
  const free = q.replace(/"([^"]*)"?/g, (_, inner) => {
    keep(inner, phrases);
    return " ";
  });
  const freeList = [];
  keep(free, freeList);
  return { free: freeList[0] || [], phrases, typed };
}

// ------------------------------------------------------------------ runs of the query in a text

// Where `seq` (folded syllables) stands in `tokens`: start indexes.
function occurrences(tokens, seq) {
  const at = [];
  if (!seq.length) return at;
  for (let i = 0; i + seq.length <= tokens.length; i++) {
    let k = 0;
    while (k < seq.length && tokens[i + k].f === seq[k]) k++;
    if (k === seq.length) at.push(i);
  }
  return at;
}

function typedAt(tokens, i, typed) {
  for (let k = 0; k < typed.length; k++) if (tokens[i + k]?.r !== typed[k]) return false;
  return true;
}

// Maximal runs of the free words in the text, in order: [{i, n}] (token index, length); a run is a
// stretch of consecutive tokens equal to consecutive query words.
function freeRuns(tokens, free) {
  const runs = [];
  let end = 0;
  for (let i = 0; i < tokens.length; i++) {
    let best = 0;
    let from = 0;
    for (let j = 0; j < free.length; j++) {
      if (tokens[i].f !== free[j]) continue;
      let k = 1;
      while (j + k < free.length && i + k < tokens.length && tokens[i + k].f === free[j + k]) k++;
      if (k > best) [best, from] = [k, j];
    }
    if (best && i + best > end) {
      if (i < end) continue; // inside the run before: a shorter tail of it
      runs.push({ i, n: best, j: from });
      end = i + best;
    }
  }
  return runs;
}

// The smallest number of tokens that holds every distinct free word (Infinity when one is missing).
function smallestSpan(tokens, free) {
  const at = closestStretch(tokens, free);
  return at ? at[1] - at[0] + 1 : Infinity;
}

// What the text of one article says about the query. texts: its searched texts, each a run of
// its own (headline, body, unit, province, officials).
export function analyse(parsed, texts) {
  const tokenized = texts.map(tokenize);
  const free = parsed.free;
  const inRow = (seq) => tokenized.some((t) => occurrences(t, seq).length > 0);
  let count = 0;
  let accent = parsed.typed.length > 0;
  for (const typed of parsed.typed) {
    const folded = typed.map(foldSyllable);
    if (!tokenized.some((t) => occurrences(t, folded).some((i) => typedAt(t, i, typed)))) accent = false;
  }
  if (free.length) for (const t of tokenized) count += occurrences(t, free).length;
  return {
    exact: free.length < 2 || count > 0,             // the free words in a row
    phrases: parsed.phrases.every(inRow),            // every quoted phrase in a row
    accent,                                          // as typed, tone marks and all
    count,
    span: free.length ? Math.min(...tokenized.map((t) => smallestSpan(t, free))) : 0,
  };
}

// ------------------------------------------------------------------ what to highlight, which passage

// Marked spans of a text: [{i, n, full}] in token indexes. The whole phrase as one mark; when the
// text has no whole phrase, the longest runs of it (two words or more), and a lone word when it is
// rare in the archive (`common` holds the folded words that are not). A lone common word only
// where loneCommon(i) says (the passage where the words stand closest, when nothing better
// exists). Quoted phrases: only whole.
export function marks(parsed, tokens, common, loneCommon = () => false) {
  const out = [];
  parsed.phrases.forEach((p, k) => {
    for (const i of occurrences(tokens, p)) out.push({ i, n: p.length, full: true, q: ["p" + k] });
  });
  const free = parsed.free;
  if (free.length) {
    const runs = freeRuns(tokens, free);
    const longest = runs.reduce((m, r) => Math.max(m, r.n), 0);
    for (const r of runs) {
      const full = r.n === free.length;
      const keep = longest === free.length ? full
        : r.n >= 2 || !common.has(tokens[r.i].f) || (longest < 2 && loneCommon(r.i));
      if (keep) out.push({ i: r.i, n: r.n, full, q: Array.from({ length: r.n }, (_, k) => "f" + (r.j + k)) });
    }
  }
  out.sort((a, b) => a.i - b.i || b.n - a.n);
  const merged = [];
  for (const m of out) {
    const last = merged[merged.length - 1];
    if (last && m.i < last.i + last.n) continue;
    merged.push(m);
  }
  return merged;
}

// [[text, isMark], ...] of a short text (a headline), every mark shown.
export function highlightAll(parsed, text, common) {
  const tokens = tokenize(text);
  return pieces(text, tokens, marks(parsed, tokens, common), 0, text.length);
}

function pieces(text, tokens, found, from, to) {
  const parts = [];
  let at = from;
  for (const m of found) {
    const a = tokens[m.i].s;
    const b = tokens[m.i + m.n - 1].e;
    if (a < from || b > to) continue;
    if (a > at) parts.push([text.slice(at, a), false]);
    parts.push([text.slice(a, b), true]);
    at = b;
  }
  if (at < to) parts.push([text.slice(at, to), false]);
  return parts;
}

// The passage of `body` to show, about `width` characters: the one around the best mark (the whole
// phrase, else the longest run, as typed with tone marks first, then the earliest); with no mark,
// the stretch where the query's words stand closest; else the opening.
// Returns [[text, isMark], ...], white space folded, "… " / " …" where the body was cut.
export function snippet(parsed, body, common, width = 260) {
  const tokens = tokenize(body);
  // where every free word stands closest: the passage when there is no run of two or more
  const stretch = parsed.free.length > 1 ? closestStretch(tokens, parsed.free) : null;
  const found = marks(parsed, tokens, common, (i) => stretch !== null && i >= stretch[0] && i <= stretch[1]);
  let anchor = null;
  let anchorEnd = 0;
  let best = null;
  const better = (a, b) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] > b[k];
    return false;
  };
  for (const [x, m] of found.slice(0, 400).entries()) {
    const typed = parsed.typed.some((t) => t.length === m.n && typedAt(tokens, m.i, t));
    // how many of the query's words the marks in the passage starting here show
    const shown = new Set();
    for (let y = x; y < found.length && tokens[found[y].i].s < tokens[m.i].s + width * 0.6; y++) {
      for (const q of found[y].q) shown.add(q);
    }
    const key = [m.full ? 1 : 0, shown.size, m.n, typed ? 1 : 0];
    if (!best || better(key, best)) {
      best = key;
      anchor = tokens[m.i].s;
      anchorEnd = tokens[m.i + m.n - 1].e;
    }
  }
  if ((!best || (!best[0] && best[2] < 2)) && stretch) {
    [anchor, anchorEnd] = [tokens[stretch[0]].s, tokens[stretch[1]].e];
  }
  let from = 0;
  let to = Math.min(body.length, width);
  if (anchor !== null && anchorEnd > width - 20) {
    // start at the sentence the mark is in when that is near, else a third of the width before it
    const lead = Math.max(40, Math.floor((width - (anchorEnd - anchor)) / 3));
    const stop = Math.max(body.lastIndexOf(". ", anchor), body.lastIndexOf("\n", anchor));
    from = stop >= 0 && anchor - stop <= lead ? stop + 1 : Math.max(0, anchor - lead);
    to = Math.min(body.length, Math.max(from + width, anchorEnd + 10));
  }
  // whole words at both ends
  if (from > 0 && /[\p{L}\p{N}_]/u.test(body[from - 1])) {
    const space = body.slice(from, anchor ?? from + 30).search(/\s/);
    if (space >= 0) from += space + 1;
  }
  if (to < body.length) {
    const space = body.lastIndexOf(" ", to);
    if (space > Math.max(from, anchorEnd)) to = space;
  }
  while (from < to && /\s/.test(body[from])) from++;
  const parts = pieces(body, tokens, found, from, to).map(([t, hit]) => [t.replace(/\s+/g, " "), hit]);
  if (from > 0) parts.unshift(["… ", false]);
  if (to < body.length) parts.push([" …", false]);
  return parts;
}

// [first, last] token indexes of the stretch holding every free word with the fewest tokens, else null.
function closestStretch(tokens, free) {
  const want = new Set(free);
  const seen = new Map();
  let have = 0;
  let best = null;
  for (let lo = 0, hi = 0; hi < tokens.length; hi++) {
    const f = tokens[hi].f;
    if (!want.has(f)) continue;
    seen.set(f, (seen.get(f) || 0) + 1);
    if (seen.get(f) === 1) have++;
    while (have === want.size) {
      if (!best || hi - lo < best[1] - best[0]) best = [lo, hi];
      const g = tokens[lo].f;
      if (want.has(g)) {
        seen.set(g, seen.get(g) - 1);
        if (seen.get(g) === 0) have--;
      }
      lo++;
    }
  }
  return best;
}
