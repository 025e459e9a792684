// tdkt search page (docs/tim-kiem.md): the form, the status line, results with snippets, facets,
// "Xem thêm", keys. Article text is data: results are built with textContent, never innerHTML.

import { FACETS, Ranking, SearchIndex, WINDOW, facetCounts, hasFilters, search } from "./search-index.js";
import { highlightAll, snippet } from "./search-text.js";

export { SearchIndex, search, Ranking } from "./search-index.js";
export * as text from "./search-text.js";

const ROOT = new URL("../../", import.meta.url); // this file is <site>/assets/search/
const PAGE = 10;
const REFINE = 100; // articles read after the first results to make the counts exact

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

// Numbers the Vietnamese way (1.234) without Intl: building an ICU formatter on the first query
// costs ~30 ms, a tenth of the time budget.
export function formatCount(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso || "";
}

// What the status line says about a search: how many, and (several words typed) how many hold
// them in a row and how many only apart. "tối đa" when rows were only counted from the postings.
export function statusText(query, result, counts, sort) {
  if (!counts.total) return `Không tìm thấy bài viết nào cho «${query}».`;
  let text = `Tìm thấy ${formatCount(counts.total)} bài viết cho «${query}»`;
  if (result.parsed.free.length > 1) {
    // not every chain of pairs was read: the rows are counted from above, the rest from below
    const [most, least] = counts.exact ? ["", ""] : ["tối đa ", "ít nhất "];
    text += counts.apart
      ? `: ${most}${formatCount(counts.inRow)} bài có đúng cụm từ; ${least}${formatCount(counts.apart)} bài có các từ rời`
      : counts.exact ? ", tất cả có đúng cụm từ" : `: tối đa ${formatCount(counts.inRow)} bài có đúng cụm từ`;
  }
  return text + (sort === "date" ? ". Mới nhất trước." : ". Phù hợp nhất trước.");
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
  const shownLine = root.querySelector("[data-tdkt-shown]");
  const list = root.querySelector("[data-tdkt-results]");
  const facetsBox = root.querySelector("[data-tdkt-facets]");
  const more = root.querySelector("[data-tdkt-more]");
  const index = new SearchIndex();
  let state = readState();
  let run = 0;
  let current = null; // {result, ranking}

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
  more.addEventListener("click", async () => {
    if (more.getAttribute("aria-disabled") === "true") return; // one page at a time
    more.setAttribute("aria-disabled", "true");
    try {
      await showMore(run, true);
    } catch (err) {
      shownLine.textContent = "Không tải được thêm kết quả: " + err.message;
    } finally {
      more.removeAttribute("aria-disabled");
    }
  });
  window.addEventListener("popstate", () => {
    state = readState();
    go();
  });

  // ↓ from the search box to the first result; ↑/↓ between results; Enter opens (it is a link)
  root.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const links = [...list.querySelectorAll("li.tdkt-result h2 a")];
    if (!links.length) return;
    const at = links.indexOf(document.activeElement);
    let next = null;
    if (document.activeElement === input && e.key === "ArrowDown") next = links[0];
    else if (at >= 0) next = e.key === "ArrowDown" ? links[at + 1] || (!more.hidden ? more : null) : links[at - 1] || input;
    else if (document.activeElement === more && e.key === "ArrowUp") next = links[links.length - 1];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  });

  async function go() {
    const mine = ++run;
    input.value = state.q;
    sortSelect.value = state.sort;
    list.replaceChildren();
    more.hidden = true;
    shownLine.textContent = "";
    list.dataset.query = state.q;
    for (const key of ["total", "inRow", "apart", "exact"]) delete list.dataset[key];
    if (!state.q.trim()) {
      status.textContent = "Nhập từ cần tìm, có dấu hoặc không dấu.";
      facetsBox.replaceChildren();
      list.dataset.state = "idle";
      list.removeAttribute("aria-busy");
      return;
    }
    list.dataset.state = "loading";
    list.setAttribute("aria-busy", "true");
    status.textContent = "Đang tìm…";
    try {
      const result = await search(index, state.q, state.filters, state.sort);
      if (mine !== run) return;
      const ranking = new Ranking(index, result);
      current = { result, ranking };
      await ranking.prepare();
      if (mine !== run) return;
      await showMore(mine, false);
      if (mine !== run) return;
      const counts = showCounts(result, ranking);
      list.removeAttribute("aria-busy");
      // the facet columns are fetched after the first results are on screen
      const perValue = await facetCounts(index, result, ranking.rejected);
      if (mine !== run) return;
      renderFacets(perValue, result);
      status.textContent = statusText(state.q, result, counts, state.sort);
      list.dataset.state = "done";
      if (!counts.exact) refine(mine);
    } catch (err) {
      if (mine !== run) return;
      status.textContent = "Không tải được chỉ mục tìm kiếm: " + err.message;
      list.removeAttribute("aria-busy");
      list.dataset.state = "error";
    }
  }

  function showCounts(result, ranking) {
    const counts = ranking.counts();
    list.dataset.total = String(counts.total);
    if (result.parsed.free.length > 1) Object.assign(list.dataset, { inRow: counts.inRow, apart: counts.apart });
    list.dataset.exact = String(counts.exact);
    return counts;
  }

  // Counted from the postings, the rows are bounds while some chains of pairs are unread: read up
  // to REFINE more articles, a page at a time, while the reader looks at the first results.
  async function refine(mine) {
    const { result, ranking } = current;
    const rejected = ranking.rejected.size;
    try {
      for (let read = 0; read < REFINE && !ranking.exact && mine === run;) {
        const batch = ranking.pending.filter((id) => !ranking.seen.has(id)).slice(0, WINDOW);
        await ranking.analysed(batch);
        read += batch.length;
      }
    } catch {
      return; // the bounds stay as they are
    }
    if (mine !== run) return;
    const counts = showCounts(result, ranking);
    if (ranking.rejected.size > rejected) renderFacets(await facetCounts(index, result, ranking.rejected), result);
    if (mine === run) status.textContent = statusText(state.q, result, counts, state.sort);
  }

  async function showMore(mine, focusFirst) {
    const { result, ranking } = current;
    const before = list.children.length;
    const ids = (await ranking.take(before + PAGE)).slice(before);
    const docs = await Promise.all(ids.map((id) => index.doc(id)));
    if (mine !== run) return;
    let first = null;
    docs.forEach((doc, i) => {
      const link = fillHighlighted(el("a", { href: new URL(doc.u, ROOT).href }), highlightAll(result.parsed, doc.t, result.common));
      const meta = [formatDate(doc.d), doc.n, doc.p].filter(Boolean).join(" · ");
      list.append(el("li", { class: "tdkt-result", "data-id": String(ids[i]), "data-page": doc.u },
        el("h2", { class: "tdkt-result__title" }, link),
        meta ? el("p", { class: "tdkt-result__meta", text: meta }) : null,
        fillHighlighted(el("p", { class: "tdkt-result__snippet" }, ), snippet(result.parsed, doc.b, result.common))));
      first ??= link;
    });
    const total = ranking.counts().total;
    const shown = list.children.length;
    more.hidden = shown >= total || (!ranking.queueA.length && !ranking.queueB.length && ranking.order.length <= shown);
    if (focusFirst) {
      shownLine.textContent = `Đang hiện ${formatCount(shown)} trên ${formatCount(total)} bài.`;
      if (first) first.focus();
    }
  }

  function renderFacets(counts, result) {
    const meta = index.manifest;
    const boxes = [];
    for (const [key, legend] of FACETS) {
      const facet = meta.facets[key];
      const picked = new Set(state.filters[key] || []);
      const values = facet.slugs.map((slug, i) => ({ slug, label: facet.labels[i], count: counts[key][i] }))
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
    if (!boxes.length || !result.all.length) {
      facetsBox.replaceChildren();
      return;
    }
    // On a phone the filters fold away above the results; open by default on wider screens.
    const wasOpen = facetsBox.querySelector("details")?.open;
    const details = el("details", { class: "tdkt-find__filters" }, el("summary", { text: "Lọc kết quả" }), ...boxes);
    details.open = wasOpen ?? !window.matchMedia("(max-width: 44.9375em)").matches;
    facetsBox.replaceChildren(details);
    facetsBox.dataset.state = hasFilters(state.filters) ? "filtered" : "all";
  }

  index.load().catch(() => {}); // the manifest while the reader types: one round trip less
  go();
}

const root = typeof document !== "undefined" && document.querySelector("[data-tdkt-search]");
if (root) mount(root);
