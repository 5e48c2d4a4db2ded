// The search page: the form, the filters, the results. The search itself is in search-core.js; the
// index is fetched from search/index/ beside this site's js/ folder, so the page works under any --base.
// The query of the header's search box (?q=) is searched at once; the query and the filters are kept in
// the address (?q=…&event=…&actor=…&year=…): a search can be linked to, and the back button goes back
// through the searches made (see writeAddress).
// Every word the reader sees comes from the page's #search-strings; every count goes through counted().
import { PAGE_SIZE, createSearch, escapeHtml, readIndexFile } from "./search-core.js";
import { counted, num } from "./count.js";

const INDEX = new URL("../search/index/", import.meta.url);
const $ = (id) => document.getElementById(id);
const S = JSON.parse($("search-strings").textContent);
const form = $("search-form");
const input = $("search-q");
const selects = Object.fromEntries([...document.querySelectorAll("select[data-facet]")].map((s) => [s.dataset.facet, s]));
const status = $("search-status");
const list = $("search-results");
const more = $("search-more");

/** A string of S with {name} replaced from `values`. */
const say = (key, values = {}) => S[key].replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
const count = (n) => counted(n, S.results, S.digits);

const engine = createSearch({
  table: JSON.parse($("fold-table").textContent),
  async load(path, version) {
    const url = new URL(path, INDEX);
    if (version) url.searchParams.set("v", version);
    // The manifest is checked with the server every time: it names the version of everything else.
    const r = await fetch(url, version ? {} : { cache: "no-cache" });
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return readIndexFile(await r.arrayBuffer());
  },
});

let current = null; // {found, shown}
let generation = 0;

function stateFromAddress() {
  const p = new URLSearchParams(location.search);
  return { query: p.get("q") ?? "", filters: Object.fromEntries(Object.keys(selects).map((k) => [k, p.get(k) ?? ""])) };
}

/**
 * The address of a search: `how` is "type" (replaces the current entry), "submit" (adds one) or "filter"
 * (adds one, but a filter changed again right after replaces it: arrow keys through a list of values make
 * one step back, not one per value).
 */
function writeAddress(query, filters, how) {
  const p = new URLSearchParams();
  if (query) p.set("q", query);
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
  const qs = p.toString();
  const url = `${location.pathname}${qs ? `?${qs}` : ""}`;
  if (url === `${location.pathname}${location.search}`) return;
  const state = { by: how, query };
  const again = how === "filter" && history.state?.by === "filter" && history.state.query === query;
  if (how === "type" || again) history.replaceState(how === "type" ? history.state : state, "", url);
  else history.pushState(state, "", url);
}

/** The filters' options, once: every value of every facet of the index. */
async function fillFilters(selected) {
  const facets = await engine.facetList();
  for (const [key, select] of Object.entries(selects)) {
    const facet = facets.find((f) => f.key === key);
    const values = [...(facet?.values ?? [])];
    if (key === "year") values.sort((a, b) => (a.id < b.id ? 1 : -1));
    else values.sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, "ar"));
    // A year is a number: shown in the site's digits (the index keeps 2015 as its id and name).
    const label = (v) => (key === "year" ? num(Number(v.id), S.digits) : v.name);
    select.replaceChildren(new Option(S.all, ""), ...values.map((v) => new Option(label(v), v.id)));
    select.closest("[data-facet-field]")?.classList.toggle("search-empty", !values.length);
    select.disabled = !values.length;
    select.value = values.some((v) => v.id === selected[key]) ? selected[key] : "";
  }
}

function item(doc) {
  const li = document.createElement("li");
  const meta = [
    doc.date && `<time datetime="${escapeHtml(doc.iso)}">${escapeHtml(doc.date)}</time>`,
    doc.events.length && escapeHtml(doc.events.join(S.listSeparator)),
    doc.about.length && `<span class="about">${escapeHtml(say("about", { names: doc.about.join(S.listSeparator) }))}</span>`,
  ].filter(Boolean);
  li.innerHTML =
    `<h2><a href="${escapeHtml(doc.url)}">${escapeHtml(doc.title)}</a></h2>` +
    (meta.length ? `<p class="meta">${meta.join(" · ")}</p>` : "") +
    (doc.excerpt ? `<p class="excerpt">${doc.excerpt}</p>` : "");
  return li;
}

/** The next page of results, as list items (nothing is shown yet). */
async function nextItems() {
  const ids = current.found.results.slice(current.shown, current.shown + PAGE_SIZE);
  const docs = await engine.documents(ids, current.found);
  return docs.map(item);
}

/** Items appended to the list; the button shows while results remain. */
function show(items, focus) {
  list.append(...items);
  current.shown += items.length;
  more.disabled = false;
  more.hidden = current.shown >= current.found.total;
  if (focus && items.length) items[0].querySelector("a").focus();
}

async function showMore() {
  const mine = generation;
  more.disabled = true;
  const items = await nextItems();
  if (mine === generation) show(items, true);
}

async function run(query, filters, how) {
  const mine = ++generation;
  writeAddress(query, filters, how);
  const q = query.trim();
  const filtered = Object.values(filters).some(Boolean);
  if (!q && !filtered) {
    current = null;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    return;
  }
  status.textContent = S.searching;
  let found;
  try {
    found = await engine.search(query, filters);
  } catch (e) {
    if (mine !== generation) return;
    status.textContent = S.indexError;
    console.error(e);
    return;
  }
  if (mine !== generation) return;
  // The old results stay until the first page of the new ones is ready: the list and the status change
  // together, so the status never counts results the list does not show yet.
  current = { found, shown: 0 };
  let items = [];
  if (found.total) {
    try {
      items = await nextItems();
    } catch (e) {
      if (mine === generation) status.textContent = S.resultsError;
      console.error(e);
      return;
    }
    if (mine !== generation) return;
  }
  list.replaceChildren();
  more.hidden = true;
  const c = count(found.total);
  if (!found.words.length && !filtered) status.textContent = S.noWords;
  else if (!found.words.length) status.textContent = found.total ? say("foundFiltersOnly", { count: c }) : S.noneFiltersOnly;
  else if (!found.total) status.textContent = say(filtered ? "noneFiltered" : "none", { query: q });
  else status.textContent = say(filtered ? "foundFiltered" : "found", { count: c, query: q });
  if (items.length) show(items, false);
}

const chosen = () => Object.fromEntries(Object.entries(selects).map(([k, s]) => [k, s.value]));

form.addEventListener("submit", (e) => {
  e.preventDefault();
  clearTimeout(typing);
  run(input.value, chosen(), "submit");
});
let typing;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => run(input.value, chosen(), "type"), 300);
});
for (const s of Object.values(selects)) s.addEventListener("change", () => run(input.value, chosen(), "filter"));
more.addEventListener("click", () => showMore().catch((e) => console.error(e)));

window.addEventListener("popstate", () => {
  const start = stateFromAddress();
  for (const [k, s] of Object.entries(selects)) s.value = [...s.options].some((o) => o.value === start.filters[k]) ? start.filters[k] : "";
  input.value = start.query;
  run(start.query, start.filters, "type");
});

const start = stateFromAddress();
input.value = start.query;
fillFilters(start.filters).catch((e) => console.error(e));
run(start.query, start.filters, "type");
