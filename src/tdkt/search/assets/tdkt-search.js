// tdkt search: reads the static index written by src/tdkt/search/index.py (see its docstring for the
// layout). Plain ES module, no dependencies. Article text is data: results are built with
// textContent, never innerHTML.

const ROOT = new URL("../../", import.meta.url); // this file is <site>/assets/search/
const INDEX = new URL("tim-kiem/index/", ROOT);
const FETCH_WINDOW = 10; // fragments fetched per query, re-ordered by exact-accent match
const PAGE = 10;
const FACETS = [
  ["tinh", "Tỉnh, thành phố"],
  ["nam", "Năm"],
  ["khen", "Hình thức khen thưởng"],
  ["cap", "Cấp đơn vị"],
];
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const WORD = /[\p{L}\p{N}_]+/gu;

// ------------------------------------------------------------------ text

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

// "Đồ Sơn \"huân chương\"" -> {free: ["do","son"], phrases: [["huan","chuong"]], raw...}
export function parseQuery(q) {
  const phrases = [];
  const rawPhrases = [];
  const free = q.replace(/"([^"]*)"?/g, (_, inner) => {
    const t = syllables(inner);
    if (t.length) {
      phrases.push(t);
      rawPhrases.push(inner.replace(/\s+/g, " ").trim());
    }
    return " ";
  });
  return { free: syllables(free), freeRaw: free.replace(/\s+/g, " ").trim(), phrases, rawPhrases };
}

function bigrams(tokens) {
  const out = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(tokens[i] + " " + tokens[i + 1]);
  return out;
}

// ------------------------------------------------------------------ index access

export function shardOf(term, shards) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(term)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

function decodeIds(text, start, end) {
  const ids = [];
  let total = 0;
  let value = 0;
  let any = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      total += value;
      ids.push(total);
      value = 0;
      any = false;
    } else {
      value = value * 10 + (c - 48);
      any = true;
    }
  }
  if (any) ids.push(total + value);
  return ids;
}

export class SearchIndex {
  constructor(base = INDEX) {
    this.base = base;
    this.meta = null;
    this.shards = new Map();
    this.docs = new Map();
    this.columns = new Map();
  }

  async load() {
    if (!this.meta) {
      this.meta = fetchJSON(new URL("meta.json", this.base)).catch((e) => {
        this.meta = null;
        throw e;
      });
    }
    return this.meta;
  }

  url(path) {
    return new URL(path + "?v=" + this.metaValue.version, this.base);
  }

  shard(n) {
    if (!this.shards.has(n)) {
      const p = fetch(this.url("t/" + n + ".txt")).then((r) => {
        if (!r.ok) throw new Error("index shard " + n + ": HTTP " + r.status);
        return r.text();
      }).then((t) => "\n" + t);
      p.catch(() => this.shards.delete(n));
      this.shards.set(n, p);
    }
    return this.shards.get(n);
  }

  // term -> {ids, title} (both ascending doc id arrays); absent terms give empty arrays
  async postings(terms) {
    const meta = (this.metaValue = await this.load());
    const found = new Map();
    await Promise.all(terms.map(async (term) => {
      const text = await this.shard(shardOf(term, meta.shards));
      const at = text.indexOf("\n" + term + "\t");
      if (at < 0) {
        found.set(term, { ids: [], title: [] });
        return;
      }
      const a = at + term.length + 2;
      const b = text.indexOf("\t", a);
      const c = text.indexOf("\n", b);
      found.set(term, { ids: decodeIds(text, a, b), title: decodeIds(text, b + 1, c < 0 ? text.length : c) });
    }));
    return found;
  }

  doc(id) {
    if (!this.docs.has(id)) {
      const dir = Math.floor(id / this.metaValue.docsPerDir);
      const p = fetchJSON(this.url("d/" + dir + "/" + id + ".json"));
      p.catch(() => this.docs.delete(id));
      this.docs.set(id, p);
    }
    return this.docs.get(id);
  }

  // facet columns, fetched once (alongside the first query's shards)
  loadColumns() {
    if (!this.columnData) {
      this.columnData = fetchJSON(this.url("facets.json"));
      this.columnData.catch(() => (this.columnData = null));
    }
    return this.columnData;
  }

  column(key, data) {
    if (!this.columns.has(key)) {
      const facet = { ...this.metaValue.facets[key], data: data[key] };
      const n = this.metaValue.docs;
      const col = new Uint32Array(n);
      const digit = new Uint8Array(128);
      for (let i = 0; i < ALPHABET.length; i++) digit[ALPHABET.charCodeAt(i)] = i;
      const text = facet.data;
      for (let i = 0, p = 0; i < n; i++) {
        let v = 0;
        for (let k = 0; k < facet.width; k++) v = v * 64 + digit[text.charCodeAt(p++)];
        col[i] = v;
      }
      this.columns.set(key, col);
    }
    return this.columns.get(key);
  }
}

async function fetchJSON(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url.pathname + ": HTTP " + r.status);
  return r.json();
}

// ------------------------------------------------------------------ matching and ranking

// Every syllable of the query must be in the document (unigram postings); every quoted phrase
// must be there as its chain of bigrams. Score: bigram (phrase) hits weigh more than single
// syllables, title hits most; rarer terms weigh more. Ties fall to the lower id = the newer article.
export async function search(index, query, filters = {}, sort = "") {
  const parsed = parseQuery(query);
  // hits[] counts in a byte: a query of more than 250 distinct terms is not a query
  const unigrams = [...new Set([...parsed.free, ...parsed.phrases.flat()])].slice(0, 40);
  const phraseBigrams = [...new Set(parsed.phrases.flatMap(bigrams))].slice(0, 40);
  const rankBigrams = [...new Set([...bigrams(parsed.free), ...phraseBigrams])];
  const meta = (index.metaValue = await index.load());
  const n = meta.docs;
  if (!unigrams.length) return { parsed, total: 0, ranked: [], counts: emptyCounts(meta) };
  const [postings, columnData] = await Promise.all([index.postings([...unigrams, ...rankBigrams]), index.loadColumns()]);

  const hits = new Uint8Array(n);
  const required = [...unigrams, ...phraseBigrams];
  for (const term of required) for (const id of postings.get(term).ids) hits[id]++;
  const score = new Float32Array(n);
  const weigh = (term, weight, titleWeight) => {
    const p = postings.get(term);
    if (!p.ids.length) return;
    const idf = Math.log(1 + n / p.ids.length);
    for (const id of p.ids) score[id] += weight * idf;
    for (const id of p.title) score[id] += titleWeight * idf;
  };
  for (const term of unigrams) weigh(term, 1, 2);
  for (const term of rankBigrams) weigh(term, 3, 6);

  const active = FACETS.map(([key]) => [key, filterOf(index, meta, key, filters[key] || [])])
    .filter(([, f]) => f);
  const counts = emptyCounts(meta);
  const cols = Object.fromEntries(FACETS.map(([key]) => [key, index.column(key, columnData)]));
  const matches = [];
  const need = required.length;
  for (let id = 0; id < n; id++) {
    if (hits[id] !== need) continue;
    let failed = null;
    let failures = 0;
    for (const [key, test] of active) {
      if (!test(cols[key][id])) {
        failed = key;
        if (++failures > 1) break;
      }
    }
    if (failures > 1) continue;
    // a facet's counts ignore its own filter, so a reader can widen as well as narrow
    for (const [key] of FACETS) {
      if (failures === 1 && key !== failed) continue;
      const v = cols[key][id];
      if (meta.facets[key].multi) {
        for (let bit = 0; (1 << bit) <= v && bit < 31; bit++) if (v & (1 << bit)) counts[key][bit]++;
      } else if (v) counts[key][v - 1]++;
    }
    if (failures === 0) matches.push(id);
  }
  if (sort !== "date") matches.sort((a, b) => score[b] - score[a] || a - b);
  return { parsed, total: matches.length, ranked: matches, counts, score };
}

function emptyCounts(meta) {
  return Object.fromEntries(FACETS.map(([key]) => [key, new Array(meta.facets[key].slugs.length).fill(0)]));
}

function filterOf(index, meta, key, slugs) {
  const facet = meta.facets[key];
  const picked = slugs.map((s) => facet.slugs.indexOf(s)).filter((i) => i >= 0);
  if (!picked.length) return null;
  if (facet.multi) {
    const mask = picked.reduce((m, i) => m | (1 << i), 0);
    return (v) => (v & mask) !== 0;
  }
  const set = new Set(picked.map((i) => i + 1));
  return (v) => set.has(v);
}

// The fetched head of the ranking, re-ordered by what only the text can tell: a quoted phrase
// whose bigram chain matched but whose syllables are not side by side in the stored text goes
// down; then, when the reader typed tone marks, the results holding the query exactly as typed
// go up ("an exact-accent match ranks first"). Otherwise the order stays.
export function reorder(parsed, docs) {
  const words = (s, f) => " " + (s.normalize("NFC").toLowerCase().match(WORD) || []).map(f).join(" ") + " ";
  const typed = [parsed.freeRaw, ...parsed.rawPhrases].filter((s) => /[^\x00-\x7f]/.test(s))
    .map((s) => words(s, (w) => w)).filter((s) => s.trim());
  const phrases = parsed.phrases.filter((p) => p.length > 1).map((p) => " " + p.join(" ") + " ");
  if (!typed.length && !phrases.length) return docs;
  const rank = (d) => {
    const raw = d.doc.t + "\n" + d.doc.b;
    const folded = words(raw, foldSyllable);
    // the stored body may be an excerpt (ends with "…"): a phrase not seen there may still be in the article
    const phraseOk = phrases.every((p) => folded.includes(p)) || /…$/.test(d.doc.b);
    const exact = typed.length ? words(raw, (w) => w) : "";
    const toned = typed.length > 0 && typed.every((s) => exact.includes(s));
    return (phraseOk ? 0 : 2) + (toned ? 0 : 1);
  };
  return docs.map((d, i) => [rank(d), i, d]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
}

// ------------------------------------------------------------------ snippets

// The folded text with, for each folded character, the index of the original character.
function foldWithMap(text) {
  let folded = "";
  const map = [];
  for (let i = 0; i < text.length; i++) {
    const f = foldSyllable(text[i]);
    folded += f;
    for (let k = 0; k < f.length; k++) map.push(i);
  }
  map.push(text.length);
  return { folded, map };
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function matcher(parsed) {
  const seqs = [parsed.free, ...parsed.phrases].filter((t) => t.length);
  const alts = new Set();
  for (const seq of seqs) alts.add(seq.join(" "));
  for (const seq of seqs) for (const t of seq) alts.add(t);
  const sorted = [...alts].sort((a, b) => b.length - a.length)
    .map((a) => a.split(" ").map(escapeRegExp).join("[^\\p{L}\\p{N}_]+"));
  if (!sorted.length) return null;
  return new RegExp("(?<![\\p{L}\\p{N}_])(?:" + sorted.join("|") + ")(?![\\p{L}\\p{N}_])", "gu");
}

// [[text, isMatch], ...] for `text`, cut to about `width` characters around the best match
export function highlight(text, re, width = 0) {
  if (!re) return [[width ? text.slice(0, width) : text, false]];
  const { folded, map } = foldWithMap(text);
  const spans = [];
  re.lastIndex = 0;
  let m;
  let best = null;
  while ((m = re.exec(folded))) {
    const span = [map[m.index], map[m.index + m[0].length]];
    const last = spans[spans.length - 1];
    // "Đồ" and "Sơn" found one by one still read as one match "Đồ Sơn"
    if (last && /^\s+$/.test(text.slice(last[1], span[0]))) last[1] = span[1];
    else spans.push(span);
  }
  for (const span of spans) if (!best || span[1] - span[0] > best[1] - best[0]) best = span;
  let from = 0;
  let to = text.length;
  if (width && text.length > width) {
    const centre = best ? best[0] : 0;
    from = Math.max(0, centre - Math.floor(width / 3));
    const space = text.lastIndexOf(" ", from);
    if (from > 0 && space > from - 30) from = space + 1;
    to = Math.min(text.length, from + width);
    const end = text.indexOf(" ", to);
    if (to < text.length && end >= 0 && end < to + 30) to = end;
  }
  const parts = [];
  if (from > 0) parts.push(["… ", false]);
  let at = from;
  for (const [a, b] of spans) {
    if (b <= at || a >= to) continue;
    const s = Math.max(a, at);
    if (s > at) parts.push([text.slice(at, s), false]);
    parts.push([text.slice(s, Math.min(b, to)), true]);
    at = Math.min(b, to);
  }
  if (at < to) parts.push([text.slice(at, to), false]);
  if (to < text.length) parts.push([" …", false]);
  return parts;
}

// ------------------------------------------------------------------ the page

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
}

function fillHighlighted(node, parts) {
  for (const [text, hit] of parts) node.append(hit ? el("mark", { text }) : document.createTextNode(text));
  return node;
}

// Numbers the Vietnamese way (1.234) without Intl: building an ICU formatter or collator on the
// first query costs ~30 ms, a tenth of the time budget.
function formatCount(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso || "";
}

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [key] of FACETS) filters[key] = params.getAll(key).filter(Boolean);
  return { q: params.get("q") || "", filters, sort: params.get("sort") === "date" ? "date" : "" };
}

function stateURL(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [key] of FACETS) for (const v of state.filters[key] || []) params.append(key, v);
  if (state.sort) params.set("sort", state.sort);
  const s = params.toString();
  return location.pathname + (s ? "?" + s : "") + location.hash;
}

export function mount(root) {
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const sortSelect = form.querySelector("select[name=sort]");
  const status = root.querySelector("[data-tdkt-status]");
  const list = root.querySelector("[data-tdkt-results]");
  const facetsBox = root.querySelector("[data-tdkt-facets]");
  const more = root.querySelector("[data-tdkt-more]");
  const index = new SearchIndex();
  let state = readState();
  let run = 0;
  let order = [];
  let shown = 0;
  let current = null;

  const setState = (next, push) => {
    state = next;
    const url = stateURL(state);
    if (url !== location.pathname + location.search + location.hash) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
    go();
  };

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    setState({ ...state, q: input.value.trim() }, true);
  });
  sortSelect.addEventListener("change", () => setState({ ...state, sort: sortSelect.value }, true));
  facetsBox.addEventListener("change", (e) => {
    const box = e.target;
    if (!(box instanceof HTMLInputElement)) return;
    const values = new Set(state.filters[box.name] || []);
    if (box.checked) values.add(box.value);
    else values.delete(box.value);
    setState({ ...state, filters: { ...state.filters, [box.name]: [...values] } }, true);
  });
  more.addEventListener("click", () => showMore(run, true));
  window.addEventListener("popstate", () => {
    state = readState();
    go();
  });

  async function go() {
    const mine = ++run;
    list.removeAttribute("aria-busy");
    input.value = state.q;
    sortSelect.value = state.sort;
    list.replaceChildren();
    more.hidden = true;
    list.dataset.query = state.q;
    delete list.dataset.total;
    if (!state.q.trim()) {
      status.textContent = "Nhập từ cần tìm, có dấu hoặc không dấu.";
      facetsBox.replaceChildren();
      list.dataset.state = "idle";
      return;
    }
    list.dataset.state = "loading";
    list.setAttribute("aria-busy", "true");
    status.textContent = "Đang tìm…";
    try {
      const result = await search(index, state.q, state.filters, state.sort);
      if (mine !== run) return;
      current = result;
      list.dataset.total = String(result.total);
      order = result.ranked;
      for (const id of order.slice(0, FETCH_WINDOW)) index.doc(id); // on the wire while facets are drawn
      renderFacets(result);
      shown = 0;
      if (!result.total) {
        status.textContent = `Không tìm thấy bài viết nào cho «${state.q}».`;
        list.removeAttribute("aria-busy");
        list.dataset.state = "done";
        return;
      }
      if (state.sort !== "date" && (/[^\x00-\x7f]/.test(state.q) || result.parsed.phrases.length)) {
        const head = await Promise.all(order.slice(0, FETCH_WINDOW).map(async (id) => ({ id, doc: await index.doc(id) })));
        if (mine !== run) return;
        order = reorder(result.parsed, head).map((d) => d.id).concat(order.slice(FETCH_WINDOW));
      }
      await showMore(mine, false);
      if (mine !== run) return;
      status.textContent = `Tìm thấy ${formatCount(result.total)} bài viết cho «${state.q}»` +
        (state.sort === "date" ? ", mới nhất trước." : ", phù hợp nhất trước.");
      list.removeAttribute("aria-busy");
      list.dataset.state = "done";
    } catch (err) {
      if (mine !== run) return;
      status.textContent = "Không tải được chỉ mục tìm kiếm: " + err.message;
      list.removeAttribute("aria-busy");
      list.dataset.state = "error";
    }
  }

  async function showMore(mine, focusFirst) {
    const ids = order.slice(shown, shown + PAGE);
    const pending = ids.map((id) => index.doc(id));
    const re = matcher(current.parsed);
    let first = null;
    // each result goes on screen as soon as it and those above it have arrived
    for (const [i, request] of pending.entries()) {
      const doc = await request;
      if (mine !== run) return;
      const link = fillHighlighted(el("a", { href: new URL(doc.u, ROOT).href }), highlight(doc.t, re));
      const meta = [formatDate(doc.d), doc.n, doc.p].filter(Boolean).join(" · ");
      const item = el("li", { class: "tdkt-result", "data-id": String(ids[i]) },
        el("h2", { class: "tdkt-result__title" }, link),
        meta ? el("p", { class: "tdkt-result__meta", text: meta }) : null,
        fillHighlighted(el("p", { class: "tdkt-result__snippet" }), highlight(doc.b, re, 260)));
      list.append(item);
      first ??= link;
    }
    shown += ids.length;
    more.hidden = shown >= order.length;
    if (focusFirst && first) first.focus();
  }

  function renderFacets(result) {
    const meta = index.metaValue;
    const boxes = [];
    for (const [key, legend] of FACETS) {
      const facet = meta.facets[key];
      const picked = new Set(state.filters[key] || []);
      let values = facet.slugs.map((slug, i) => ({ slug, label: facet.labels[i], count: result.counts[key][i] }))
        .filter((v) => v.count > 0 || picked.has(v.slug));
      if (key === "tinh") values.sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
      if (!values.length) continue;
      const set = el("fieldset", { class: "tdkt-facet", "data-facet": key }, el("legend", { text: legend }));
      for (const v of values) {
        const box = el("input", { type: "checkbox", name: key, value: v.slug });
        box.checked = picked.has(v.slug);
        set.append(el("label", { class: "tdkt-facet__value" }, box, " " + v.label + " ",
          el("span", { class: "tdkt-facet__count", text: "(" + formatCount(v.count) + ")" })));
      }
      boxes.push(set);
    }
    if (!boxes.length) {
      facetsBox.replaceChildren();
      return;
    }
    // On a phone the filters fold away above the results; open by default on wider screens.
    const wasOpen = facetsBox.querySelector("details")?.open;
    const details = el("details", { class: "tdkt-find__filters" }, el("summary", { text: "Lọc kết quả" }), ...boxes);
    details.open = wasOpen ?? !window.matchMedia("(max-width: 44.9375em)").matches;
    facetsBox.replaceChildren(details);
  }

  index.load().catch(() => {}); // meta.json (~1.5 KB) while the reader types: one round trip less
  go();
}

const root = typeof document !== "undefined" && document.querySelector("[data-tdkt-search]");
if (root) mount(root);
