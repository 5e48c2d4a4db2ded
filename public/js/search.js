// The search page: the form, the filters, the results. The search itself is in search-core.js; the
// index is fetched from search/index/ beside this site's js/ folder, so the page works under any --base.
// The query of the header's search box (?q=) is searched at once; the query and the filters are kept
// in the address (?q=…&event=…&actor=…), so a search can be linked to and the back button works.
import { PAGE_SIZE, createSearch, escapeHtml, resultsLabel } from "./search-core.js";

const INDEX = new URL("../search/index/", import.meta.url);
const $ = (id) => document.getElementById(id);
const form = $("search-form");
const input = $("search-q");
const filters = $("search-filters");
const selects = { event: $("search-event"), actor: $("search-actor") };
const status = $("search-status");
const list = $("search-results");
const more = $("search-more");

const engine = createSearch({
  table: JSON.parse($("fold-table").textContent),
  async load(path, version) {
    const url = new URL(path, INDEX);
    if (version) url.searchParams.set("v", version);
    // The manifest is checked with the server every time: it names the version of everything else.
    const r = await fetch(url, version ? {} : { cache: "no-cache" });
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.json();
  },
  // An article page, for its excerpt; the browser then has it cached when the reader opens it.
  async page(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.text();
  },
});

let current = null; // {query, filters, found, shown}
let generation = 0;

function stateFromAddress() {
  const p = new URLSearchParams(location.search);
  return { query: p.get("q") ?? "", filters: { event: p.get("event") ?? "", actor: p.get("actor") ?? "" } };
}

function writeAddress(query, f) {
  const p = new URLSearchParams();
  if (query) p.set("q", query);
  if (f.event) p.set("event", f.event);
  if (f.actor) p.set("actor", f.actor);
  const qs = p.toString();
  const url = `${location.pathname}${qs ? `?${qs}` : ""}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, "", url);
}

function fillSelect(select, values, selected) {
  select.replaceChildren(new Option("الكل", ""));
  for (const v of values) select.add(new Option(`${v.name} (${v.count})`, v.id, false, v.id === selected));
  select.value = values.some((v) => v.id === selected) ? selected : "";
}

function item(doc) {
  const li = document.createElement("li");
  const meta = [doc.date && `<time datetime="${escapeHtml(doc.iso)}">${escapeHtml(doc.date)}</time>`, doc.events.length && escapeHtml(doc.events.join("، "))].filter(Boolean);
  li.innerHTML =
    `<h2><a href="${escapeHtml(doc.url)}">${escapeHtml(doc.title)}</a></h2>` +
    (meta.length ? `<p class="meta">${meta.join(" · ")}</p>` : "") +
    `<p class="excerpt">${doc.excerpt}</p>`;
  return li;
}

async function showMore(focus) {
  const run = generation;
  const ids = current.found.results.slice(current.shown, current.shown + PAGE_SIZE);
  more.disabled = true;
  const docs = await engine.documents(ids, current.found.words);
  if (run !== generation) return;
  const items = docs.map(item);
  list.append(...items);
  current.shown += ids.length;
  more.disabled = false;
  more.hidden = current.shown >= current.found.total;
  if (focus && items.length) items[0].querySelector("a").focus();
}

async function run(query, f) {
  const mine = ++generation;
  writeAddress(query, f);
  if (!query.trim()) {
    current = null;
    list.replaceChildren();
    filters.hidden = true;
    more.hidden = true;
    status.textContent = "";
    return;
  }
  status.textContent = "جارٍ البحث…";
  let found;
  try {
    found = await engine.search(query, f);
  } catch (e) {
    if (mine !== generation) return;
    status.textContent = "تعذّر تحميل فهرس البحث. أعد المحاولة بعد قليل.";
    console.error(e);
    return;
  }
  if (mine !== generation) return;
  current = { query, filters: f, found, shown: 0 };
  list.replaceChildren();
  const filtered = Boolean(f.event || f.actor);
  filters.hidden = !found.total && !filtered;
  fillSelect(selects.event, found.facets.events, f.event);
  fillSelect(selects.actor, found.facets.actors, f.actor);
  if (!found.words.length) status.textContent = "اكتب كلمة واحدة على الأقل.";
  else if (!found.total) status.textContent = `لا نتائج للبحث عن «${query.trim()}»${filtered ? " مع هذه التصفية" : ""}. جرّب كلمات أقل أو إملاءً آخر${filtered ? "، أو ألغِ التصفية" : ""}.`;
  else status.textContent = `${resultsLabel(found.total)} للبحث عن «${query.trim()}»${filtered ? " بعد التصفية" : ""}`;
  more.hidden = true;
  if (found.total) {
    try {
      await showMore(false);
    } catch (e) {
      if (mine === generation) status.textContent = "تعذّر تحميل النتائج. أعد المحاولة بعد قليل.";
      console.error(e);
    }
  }
}

const chosen = () => ({ event: selects.event.value, actor: selects.actor.value });

form.addEventListener("submit", (e) => {
  e.preventDefault();
  run(input.value, chosen());
});
let typing;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => run(input.value, chosen()), 300);
});
for (const s of Object.values(selects)) s.addEventListener("change", () => run(input.value, chosen()));
more.addEventListener("click", () => showMore(true).catch((e) => console.error(e)));

const start = stateFromAddress();
input.value = start.query;
run(start.query, start.filters);
