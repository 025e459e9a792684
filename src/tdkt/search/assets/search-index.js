// tdkt search, the index side: reads the static index written by src/tdkt/search/ (segments.py and
// segment.py describe the files), finds and ranks. Plain ES module, no dependencies, no DOM.
//
// Ranking, in two stages. From the postings alone: the articles holding the words in a row first
// (every pair of adjacent query syllables present: exact for two syllables, a chain for more), then
// those holding them in the headline, the unit or an official's name, then rarer words and pairs
// weigh more (idf), then the newer article. Then the text of the head of that list (WINDOW articles
// at a time) is read: a chain that is not a row goes down among the articles with the words apart,
// a quoted phrase not found in a row goes out, the article holding the query as typed with its tone
// marks goes first, then the one naming it most, then (words apart) the one where they stand closest.

import { analyse, bigrams, parseQuery } from "./search-text.js";

const ROOT = new URL("../../", import.meta.url); // this file is <site>/assets/search/
export const INDEX = new URL("tim-kiem/index/", ROOT);
export const FACETS = [
  ["tinh", "Tỉnh, thành phố"],
  ["nam", "Năm"],
  ["khen", "Hình thức khen thưởng"],
  ["cap", "Cấp đơn vị"],
];
// Articles read per step of the second stage: one page of results. Each is a request; 20 cost
// ~100 ms more on a cold first query at 20,000 articles (HTTP/1.1, six connections).
export const WINDOW = 10;
const CHECK_ALL = 20; // when the chains to check are this few, check them all before showing any
const COMMON_SHARE = 0.05; // a word in more than this share of the articles is common (not marked alone)
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

export function shardOf(term, shards) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(term)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

async function fetchBytes(url, init) {
  const r = await fetch(url, init);
  if (!r.ok) throw new Error(url.pathname + ": HTTP " + r.status);
  return r.arrayBuffer();
}

// Raw deflate (the index's .bin files): the parts are one stream.
async function inflate(parts) {
  const stream = new Blob(parts).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function decodeIds(text, start, end, offset, gone, out) {
  let total = 0;
  let value = 0;
  let any = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 44;
    if (c === 44) {
      if (!any) continue;
      total += value;
      if (!gone || !gone.has(total)) out.push(offset + total);
      value = 0;
      any = false;
    } else {
      value = value * 10 + (c - 48);
      any = true;
    }
  }
}

export class SearchIndex {
  constructor(base = INDEX) {
    this.base = base;
    this.meta = null;
    this.files = new Map();
    this.docs = new Map();
  }

  // The manifest, and what follows from it: segments with their first id, live docs, the order
  async load() {
    if (!this.meta) {
      // revalidated on each page load: it names the segment folders, which never change
      this.meta = fetchBytes(new URL("meta.json", this.base), { cache: "no-cache" }).then((b) => {
        const meta = JSON.parse(new TextDecoder().decode(b));
        this.prepare(meta);
        this.manifest = meta;
        // the result store's dictionary: every result needs it, fetch it alongside the first postings
        for (const s of this.segments) this.dictionary(s).catch(() => {});
        return meta;
      });
      this.meta.catch(() => (this.meta = null));
    }
    return this.meta;
  }

  prepare(meta) {
    let offset = 0;
    this.segments = meta.segments.map((s) => {
      const seg = { ...s, offset, gone: new Set(s.deleted || []) };
      offset += s.docs;
      return seg;
    });
    this.size = offset;
    this.live = new Uint8Array(offset);
    for (const s of this.segments) for (let i = 0; i < s.docs; i++) if (!s.gone.has(i)) this.live[s.offset + i] = 1;
    // rank: position in date order; a delta doc placed at `at` comes before the base's doc `at`
    const placed = [];
    for (const s of this.segments.slice(1)) (s.insertAt || []).forEach((at, i) => placed.push([at, s.offset + i]));
    placed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.rank = new Int32Array(offset);
    const base = this.segments[0];
    let r = 0;
    let p = 0;
    for (let i = 0; i <= base.docs; i++) {
      for (; p < placed.length && placed[p][0] === i; p++) if (this.live[placed[p][1]]) this.rank[placed[p][1]] = r++;
      if (i < base.docs && this.live[i]) this.rank[i] = r++;
    }
    this.liveCount = r;
  }

  // A segment's dictionary (segments written against the same one share a single fetch)
  dictionary(segment) {
    return this.file(this.segments.find((s) => s.dict === segment.dict), "dict.bin");
  }

  file(segment, path, init) {
    const url = new URL(segment.name + "/" + path, this.base);
    if (!this.files.has(url.href)) {
      const p = fetchBytes(url, init);
      p.catch(() => this.files.delete(url.href));
      this.files.set(url.href, p);
    }
    return this.files.get(url.href);
  }

  shard(segment, n) {
    const key = "text:" + segment.name + "/" + n;
    if (!this.files.has(key)) {
      const p = this.file(segment, "t/" + n + ".bin").then((b) => inflate([b]))
        .then((bytes) => "\n" + new TextDecoder().decode(bytes));
      p.catch(() => this.files.delete(key));
      this.files.set(key, p);
    }
    return this.files.get(key);
  }

  // term -> {ids, fields}: ascending live doc ids holding it, and those holding it in the
  // headline, unit or officials; absent terms give empty lists
  async postings(terms) {
    await this.load();
    const found = new Map();
    await Promise.all(terms.map(async (term) => {
      const texts = await Promise.all(this.segments.map((s) => this.shard(s, shardOf(term, s.shards))));
      const ids = [];
      const fields = [];
      texts.forEach((text, k) => {
        const s = this.segments[k];
        const at = text.indexOf("\n" + term + "\t");
        if (at < 0) return;
        const a = at + term.length + 2;
        const b = text.indexOf("\t", a);
        let c = text.indexOf("\n", b);
        if (c < 0) c = text.length;
        decodeIds(text, a, b, s.offset, s.gone, ids);
        decodeIds(text, b + 1, c, s.offset, s.gone, fields);
      });
      found.set(term, { ids, fields });
    }));
    return found;
  }

  segmentOf(id) {
    let seg = this.segments[0];
    for (const s of this.segments) if (id >= s.offset) seg = s;
    return seg;
  }

  // A stored doc: {t: headline, u: page, d: date, n: unit, p: province, o: officials, b: body}
  doc(id) {
    if (!this.docs.has(id)) {
      const s = this.segmentOf(id);
      const local = id - s.offset;
      const dir = Math.floor(local / this.manifest.docsPerDir);
      const p = Promise.all([this.dictionary(s), this.file(s, "d/" + dir + "/" + local + ".bin")])
        .then((parts) => inflate(parts))
        .then((bytes) => {
          const [t, u, d, n, pr, o, b] = JSON.parse(new TextDecoder().decode(bytes.subarray(s.dictBytes)));
          return { t, u, d, n, p: pr, o, b };
        });
      p.catch(() => this.docs.delete(id));
      this.docs.set(id, p);
    }
    return this.docs.get(id);
  }

  // Facet columns over all doc ids, in the manifest's (global) value numbering: 0 none, i values[i-1];
  // award types as a bitmask over the manifest's list. Fetched once, after the first results.
  columns() {
    if (!this.columnData) {
      this.columnData = this.load().then(async (meta) => {
        const cols = Object.fromEntries(FACETS.map(([key]) => [key, new Uint32Array(this.size)]));
        const digit = new Uint8Array(128);
        for (let i = 0; i < ALPHABET.length; i++) digit[ALPHABET.charCodeAt(i)] = i;
        await Promise.all(this.segments.map(async (s) => {
          const data = JSON.parse(new TextDecoder().decode(await inflate([await this.file(s, "cols.bin")])));
          for (const [key] of FACETS) {
            const global = new Map(meta.facets[key].values.map((v, i) => [v, i]));
            const map = data[key].values.map((v) => global.get(v) ?? -1);
            const { width, data: text } = data[key];
            const col = cols[key];
            for (let i = 0, p = 0; i < s.docs; i++) {
              let v = 0;
              for (let k = 0; k < width; k++) v = v * 64 + digit[text.charCodeAt(p++)];
              if (meta.facets[key].multi) {
                let mask = 0;
                for (let bit = 0; bit < map.length; bit++) if (v & (1 << bit) && map[bit] >= 0) mask |= 1 << map[bit];
                col[s.offset + i] = mask;
              } else col[s.offset + i] = v && map[v - 1] >= 0 ? map[v - 1] + 1 : 0;
            }
          }
        }));
        return cols;
      });
      this.columnData.catch(() => (this.columnData = null));
    }
    return this.columnData;
  }
}

// ------------------------------------------------------------------ the first stage: postings

function filterOf(meta, key, slugs) {
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

export function hasFilters(filters) {
  return FACETS.some(([key]) => (filters[key] || []).length > 0);
}

// Every syllable of the query must be in the article; every quoted phrase as its chain of pairs.
// Returns the matches ranked by the postings (see the top of this file).
export async function search(index, query, filters = {}, sort = "") {
  const parsed = parseQuery(query);
  const meta = await index.load();
  const free = parsed.free;
  // hits[] counts in a byte: a query of more than 250 distinct terms is not a query
  const unigrams = [...new Set([...free, ...parsed.phrases.flat()])].slice(0, 40);
  const chain = [...new Set(bigrams(free))].slice(0, 40);
  const phrasePairs = [...new Set(parsed.phrases.flatMap(bigrams))].slice(0, 40);
  const result = { parsed, all: [], ranked: [], tierA: null, inFields: null, common: new Set(), n: index.liveCount };
  if (!unigrams.length) return result;
  const [postings, cols] = await Promise.all([
    index.postings([...new Set([...unigrams, ...chain, ...phrasePairs])]),
    hasFilters(filters) ? index.columns() : null,
  ]);
  const N = index.size;
  const n = index.liveCount;
  const required = [...unigrams, ...phrasePairs];
  const hits = new Uint8Array(N);
  for (const term of required) for (const id of postings.get(term).ids) hits[id]++;
  const chainHits = new Uint8Array(N);
  const fieldHits = new Uint8Array(N);
  const fieldTerms = free.length > 1 ? chain : free;
  for (const term of chain) for (const id of postings.get(term).ids) chainHits[id]++;
  for (const term of fieldTerms) for (const id of postings.get(term).fields) fieldHits[id]++;
  const score = new Float32Array(N);
  const weigh = (term, weight, fieldWeight) => {
    const p = postings.get(term);
    if (!p.ids.length) return;
    const idf = Math.log(1 + n / p.ids.length);
    for (const id of p.ids) score[id] += weight * idf;
    for (const id of p.fields) score[id] += fieldWeight * idf;
  };
  for (const term of unigrams) weigh(term, 1, 2);
  for (const term of [...new Set([...chain, ...phrasePairs])]) weigh(term, 3, 6);
  for (const term of unigrams) {
    if (postings.get(term).ids.length > Math.max(2, COMMON_SHARE * n)) result.common.add(term);
  }

  // candidates: the ids of the rarest required term
  let rarest = postings.get(required[0]).ids;
  for (const term of required) if (postings.get(term).ids.length < rarest.length) rarest = postings.get(term).ids;
  const need = required.length;
  const all = rarest.filter((id) => hits[id] === need);
  const active = FACETS.map(([key]) => [key, filterOf(meta, key, filters[key] || [])]).filter(([, f]) => f);
  const ranked = active.length ? all.filter((id) => active.every(([key, test]) => test(cols[key][id]))) : all.slice();
  const tierA = new Uint8Array(N);
  const inFields = new Uint8Array(N);
  for (const id of all) {
    tierA[id] = free.length < 2 || chainHits[id] === chain.length ? 1 : 0;
    inFields[id] = fieldTerms.length > 0 && fieldHits[id] === fieldTerms.length ? 1 : 0;
  }
  const rank = index.rank;
  if (sort === "date") ranked.sort((a, b) => rank[a] - rank[b]);
  else ranked.sort((a, b) => tierA[b] - tierA[a] || inFields[b] - inFields[a] || score[b] - score[a] || rank[a] - rank[b]);
  Object.assign(result, { all, ranked, tierA, inFields, score, sort, filters, active });
  return result;
}

// Counts per facet value over the matches (minus those the text ruled out); a facet's counts
// ignore its own filter, so a reader can widen as well as narrow.
export async function facetCounts(index, result, rejected = new Set()) {
  const meta = await index.load();
  const counts = Object.fromEntries(FACETS.map(([key]) => [key, new Array(meta.facets[key].slugs.length).fill(0)]));
  if (!result.all.length) return counts;
  const cols = await index.columns();
  const active = FACETS.map(([key]) => [key, filterOf(meta, key, result.filters[key] || [])]).filter(([, f]) => f);
  for (const id of result.all) {
    if (rejected.has(id)) continue;
    let failed = null;
    let failures = 0;
    for (const [key, test] of active) {
      if (!test(cols[key][id])) {
        failed = key;
        if (++failures > 1) break;
      }
    }
    if (failures > 1) continue;
    for (const [key] of FACETS) {
      if (failures === 1 && key !== failed) continue;
      const v = cols[key][id];
      if (meta.facets[key].multi) {
        for (let bit = 0; (1 << bit) <= v && bit < 31; bit++) if (v & (1 << bit)) counts[key][bit]++;
      } else if (v) counts[key][v - 1]++;
    }
  }
  return counts;
}

// ------------------------------------------------------------------ the second stage: the text

const textsOf = (doc) => [doc.t, doc.b, doc.n, doc.p, ...(doc.o || [])];

// The final order, built WINDOW articles at a time from the first stage's list, and the counts.
export class Ranking {
  constructor(index, result) {
    this.index = index;
    this.result = result;
    const { parsed } = result;
    this.checkFree = parsed.free.length > 2; // pairs are exact for two syllables
    this.checkQuoted = parsed.phrases.some((p) => p.length > 2);
    this.queueA = result.ranked.filter((id) => result.tierA[id]);
    this.queueB = result.ranked.filter((id) => !result.tierA[id]);
    if (result.sort === "date") [this.queueA, this.queueB] = [result.ranked.slice(), []];
    this.order = [];
    this.seen = new Map(); // id -> analysis
    this.rejected = new Set(); // a quoted phrase not in a row
    this.demoted = new Set(); // a chain that is not a row
    this.tierACount = result.sort === "date" ? result.ranked.filter((id) => result.tierA[id]).length : this.queueA.length;
  }

  async analysed(ids) {
    const todo = ids.filter((id) => !this.seen.has(id));
    const docs = await Promise.all(todo.map((id) => this.index.doc(id)));
    todo.forEach((id, k) => {
      const a = analyse(this.result.parsed, textsOf(docs[k]));
      this.seen.set(id, a);
      if (!a.phrases) this.rejected.add(id);
      else if (this.result.tierA[id] && !a.exact) this.demoted.add(id);
    });
  }

  // Before the first results: when the chains to check are few, check them all (exact counts)
  async prepare() {
    const r = this.result;
    const uncertain = this.checkQuoted ? r.ranked : this.checkFree ? r.ranked.filter((id) => r.tierA[id]) : [];
    this.pending = uncertain.filter((id) => !this.seen.has(id));
    if (this.pending.length <= CHECK_ALL) {
      await this.analysed(this.pending);
      this.pending = [];
    }
  }

  get exact() {
    return !this.pending || this.pending.every((id) => this.seen.has(id));
  }

  counts() {
    const total = this.result.ranked.length - this.rejected.size;
    const inRow = this.tierACount - [...this.demoted].filter((id) => !this.rejected.has(id)).length -
      [...this.rejected].filter((id) => this.result.tierA[id]).length;
    return { total, inRow, apart: total - inRow, exact: this.exact };
  }

  // The first k ids of the final order (fewer when there are fewer)
  async take(k) {
    while (this.order.length < k && (this.queueA.length || this.queueB.length)) {
      const window = this.queueA.splice(0, WINDOW);
      if (window.length < WINDOW) window.push(...this.queueB.splice(0, WINDOW - window.length));
      await this.analysed(window);
      const kept = [];
      for (const id of window) {
        if (this.rejected.has(id)) continue;
        if (this.demoted.has(id) && this.result.sort !== "date" && this.queueA.length) {
          this.requeue(id); // below the rows still to come
          continue;
        }
        kept.push(id);
      }
      if (this.result.sort !== "date") kept.sort(this.compare.bind(this));
      this.order.push(...kept);
    }
    return this.order.slice(0, k);
  }

  requeue(id) {
    const { score, inFields } = this.result;
    const rank = this.index.rank;
    const before = (a, b) => inFields[b] - inFields[a] || score[b] - score[a] || rank[a] - rank[b];
    let lo = 0;
    let hi = this.queueB.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(this.queueB[mid], id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.queueB.splice(lo, 0, id);
  }

  compare(a, b) {
    const x = this.seen.get(a);
    const y = this.seen.get(b);
    const { inFields } = this.result;
    if (!this.position) {
      this.position = new Int32Array(this.index.size);
      this.result.ranked.forEach((id, i) => (this.position[id] = i));
    }
    const position = this.position;
    const tier = (id, s) => (this.result.tierA[id] && s.exact ? 0 : 1);
    return tier(a, x) - tier(b, y) || (x.accent ? 0 : 1) - (y.accent ? 0 : 1) || inFields[b] - inFields[a] ||
      Math.min(y.count, 3) - Math.min(x.count, 3) || x.span - y.span || position[a] - position[b];
  }
}
