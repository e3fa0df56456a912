/* policykg workbench: a browser view of the policykg JSON API.
 *
 * Vanilla ES2020, no build step. Hash routes:
 *   #/search?q=&type=&province=&year=   full-text search (also the default route)
 *   #/documents?after=                  the documents, 50 per page
 *   #/doc?iri=&at=                      one document's text with its annotations
 *   #/entity?iri=&after=                any resource: properties, mentions, relations
 *   #/sparql?query=                     SPARQL editor (CodeMirror 5)
 *
 * Safety: data never reaches innerHTML or an attribute string built by
 * concatenation. All DOM is built with el(), which only uses textContent for
 * strings, and every href from data goes through safeHref().
 */
"use strict";

(function () {
  // ---------------------------------------------------------------- constants

  const PKG = "https://w3id.org/policykg/ontology#";
  const DOCUMENT_TYPE = PKG + "Document";

  // Prefixes the server knows without declaration; /api/examples may replace them.
  let prefixes = {
    pkg: PKG,
    dcterms: "http://purl.org/dc/terms/",
    nif: "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    itsrdf: "http://www.w3.org/2005/11/its/rdf#",
    schema: "http://schema.org/",
    org: "http://www.w3.org/ns/org#",
    prov: "http://www.w3.org/ns/prov#",
    skos: "http://www.w3.org/2004/02/skos/core#",
    rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    rdfs: "http://www.w3.org/2000/01/rdf-schema#",
    xsd: "http://www.w3.org/2001/XMLSchema#",
    owl: "http://www.w3.org/2002/07/owl#",
    eli: "http://data.europa.eu/eli/ontology#",
    doco: "http://purl.org/spar/doco/",
  };

  // Fixed colours for the known mention types; others get a colour from a hash.
  const PALETTE = {
    Organization: "#cfe3ff",
    Place: "#c9f0d3",
    Person: "#ffd9c2",
    Legislation: "#ead4ff",
    Plan: "#ffe9a8",
    Term: "#d3eef2",
    TimeExpression: "#f4d6e6",
    Quantity: "#e2e8c4",
    Indicator: "#ffd0d0",
  };

  const PAGE_SIZE = 50;
  const MAX_RESULT_ROWS = 10000; // SPARQL rows drawn at once; "show all" for more
  const CHUNK_SIZE = 2000; // characters per lazily laid-out block of a document's text

  const app = document.getElementById("app");
  let truncatedSeen = false; // an API answer of this page was cut at --max-results
  let renderSeq = 0; // bumped on every navigation; stale async renders stop
  let current = { route: null, params: null, doc: null };

  // ---------------------------------------------------------------- helpers

  /** Builds an element. attrs: class, href (checked), dataset, on* handlers,
   *  anything else via setAttribute. Children: nodes, strings (as text), arrays. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === "class") node.className = value;
        else if (key === "href") node.setAttribute("href", safeHref(String(value)));
        else if (key === "dataset") {
          for (const [k, v] of Object.entries(value)) {
            if (v !== null && v !== undefined) node.dataset[k] = String(v);
          }
        } else if (key.startsWith("on") && typeof value === "function") {
          node.addEventListener(key.slice(2), value);
        } else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else if (child instanceof Node) node.appendChild(child);
      else node.appendChild(document.createTextNode(String(child)));
    }
    return node;
  }

  /** Only in-app routes, same-site paths and http(s) URLs; anything else is "#". */
  function safeHref(url) {
    if (url.startsWith("#") || (url.startsWith("/") && !url.startsWith("//"))) return url;
    try {
      const u = new URL(url);
      if (u.protocol === "http:" || u.protocol === "https:") return u.href;
    } catch (_) { /* not a URL */ }
    return "#";
  }

  const enc = encodeURIComponent;

  /** A hash route with its (non-empty) parameters, in the given order. */
  function hashFor(route, params) {
    const parts = [];
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "") parts.push(enc(k) + "=" + enc(v));
    }
    return "#/" + route + (parts.length ? "?" + parts.join("&") : "");
  }

  const entityHref = (iri) => "#/entity?iri=" + enc(iri);
  function docHref(iri, at) {
    return "#/doc?iri=" + enc(iri) + (at !== null && at !== undefined ? "&at=" + enc(at) : "");
  }

  /** An API URL with its non-empty parameters. */
  function apiUrl(path, params) {
    const parts = [];
    for (const [k, v] of Object.entries(params)) {
      if (v !== null && v !== undefined && v !== "") parts.push(enc(k) + "=" + enc(v));
    }
    return path + (parts.length ? "?" + parts.join("&") : "");
  }

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  /** The error text of a failed response: JSON {"error": …} or the body. */
  async function errorText(res) {
    const body = await res.text();
    try {
      const parsed = JSON.parse(body);
      if (parsed && typeof parsed.error === "string") return parsed.error;
    } catch (_) { /* not JSON */ }
    return body.trim() || res.status + " " + res.statusText;
  }

  /** GET a JSON API URL; throws ApiError with the server's message. */
  async function api(url) {
    let res;
    try {
      res = await fetch(url, { headers: { Accept: "application/json" } });
    } catch (e) {
      const error = new ApiError("cannot reach the server: " + e.message, 0);
      error.url = url;
      throw error;
    }
    if (!res.ok) {
      const error = new ApiError(await errorText(res), res.status);
      error.url = url;
      throw error;
    }
    const data = await res.json();
    if (data && data.truncated === true) truncatedSeen = true;
    return data;
  }

  function errorBox(error) {
    const status = error && error.status ? "HTTP " + error.status + ": " : "";
    return el("div", { class: "error", role: "alert" }, status + (error && error.message ? error.message : String(error)));
  }

  function setState(state) {
    app.dataset.state = state;
  }

  function setTitle(...parts) {
    document.title = parts.filter(Boolean).concat("policykg").join(" — ");
  }

  /** A page header: heading, optional extra nodes, and the JSON link. */
  function pageHead(heading, jsonUrl, ...extra) {
    return el("div", { class: "page-head" },
      el("div", { class: "page-head-main" }, heading, extra),
      jsonUrl ? el("a", { class: "json-link", href: jsonUrl, title: "The API answer this page shows" }, "JSON") : null);
  }

  function replaceApp(...nodes) {
    app.textContent = "";
    if (truncatedSeen) {
      // The server cut a list at its --max-results: the page shows part of it.
      append(app, [el("div", { class: "warning", id: "truncated-warning", role: "status" },
        "Some lists on this page were cut at the server's result limit (--max-results).")]);
      truncatedSeen = false;
    }
    append(app, nodes);
  }

  function fmt(n) {
    return typeof n === "number" ? n.toLocaleString("en-US") : n === null || n === undefined ? "–" : String(n);
  }

  function plural(n, word) {
    return fmt(n) + " " + word + (n === 1 ? "" : "s");
  }

  /** An IRI in prefixed form when a known namespace fits. */
  function compact(iri) {
    let best = null;
    for (const [p, ns] of Object.entries(prefixes)) {
      if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [p, ns];
    }
    if (best) {
      const local = iri.slice(best[1].length);
      if (/^[\p{L}\p{N}_.-]*$/u.test(local)) return best[0] + ":" + local;
    }
    return iri;
  }

  /** A class-name-safe token for a type name (hash appended when altered). */
  function typeClass(type) {
    const name = String(type || "Unknown");
    const clean = name.replace(/[^A-Za-z0-9_-]/g, "_");
    return "type-" + (clean === name ? clean : clean + "-" + hashString(name).toString(36));
  }

  function hashString(s) {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return h >>> 0;
  }

  function typeColour(type) {
    if (Object.prototype.hasOwnProperty.call(PALETTE, type)) return PALETTE[type];
    return "hsl(" + (hashString(String(type)) % 360) + ", 70%, 86%)";
  }

  // One stylesheet of rules per type seen: colour, and "off" when unchecked.
  const typeSheet = (() => {
    const style = document.createElement("style");
    style.id = "type-styles";
    document.head.appendChild(style);
    return style.sheet;
  })();
  const styledTypes = new Set();

  function ensureTypeStyle(type) {
    const cls = typeClass(type);
    if (styledTypes.has(cls)) return cls;
    styledTypes.add(cls);
    const colour = typeColour(type);
    typeSheet.insertRule(".mention." + cls + ", .type-badge." + cls + " { background-color: " + colour + "; }", typeSheet.cssRules.length);
    typeSheet.insertRule("#doc-text.off-" + cls + " .mention." + cls + " { background-color: transparent; border-bottom-color: transparent; }", typeSheet.cssRules.length);
    return cls;
  }

  function typeBadge(type, title) {
    return el("span", { class: "type-badge " + ensureTypeStyle(type), title: title || null, dataset: { type } }, type);
  }

  /** Code point offset → UTF-16 index, for a string (length: code points + 1). */
  function codePointMap(text) {
    const map = new Uint32Array(text.length + 1);
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      map[cp++] = i;
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
    }
    map[cp] = text.length;
    return { map: map.subarray(0, cp + 1), length: cp };
  }

  /** The code point offset of a UTF-16 index (binary search in a codePointMap). */
  function cpOf(map, u16) {
    let lo = 0;
    let hi = map.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (map[mid] < u16) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Text with every occurrence of any term wrapped in <mark> (Latin case-insensitive). */
  function highlighted(text, terms, window) {
    const chars = Array.from(text);
    const lower = chars.map((c) => c.toLowerCase());
    const termChars = terms.map((t) => Array.from(t).map((c) => c.toLowerCase())).filter((t) => t.length);
    // Mark each character covered by a match.
    const covered = new Uint8Array(chars.length);
    let first = -1;
    for (const t of termChars) {
      for (let i = 0; i + t.length <= chars.length; i++) {
        let k = 0;
        while (k < t.length && lower[i + k] === t[k]) k++;
        if (k === t.length) {
          covered.fill(1, i, i + t.length);
          if (first < 0 || i < first) first = i;
        }
      }
    }
    // Keyword in context: about `window` characters around the first match.
    let start = 0;
    let end = chars.length;
    if (window && chars.length > window + 20) {
      const anchor = first < 0 ? 0 : first;
      start = Math.max(0, anchor - Math.floor(window / 3));
      end = Math.min(chars.length, start + window);
      start = Math.max(0, Math.min(start, end - window));
    }
    const out = [];
    if (start > 0) out.push("…");
    let i = start;
    while (i < end) {
      let j = i;
      while (j < end && covered[j] === covered[i]) j++;
      const piece = chars.slice(i, j).join("");
      out.push(covered[i] ? el("mark", null, piece) : piece);
      i = j;
    }
    if (end < chars.length) out.push("…");
    return out;
  }

  /** A value that may link to an entity (used by metadata and properties). */
  function valueNode(value, link) {
    const text = value === null || value === undefined ? (link ? compact(link) : "") : String(value);
    return link ? el("a", { href: entityHref(link), title: link }, text) : text;
  }

  /** A definition list from [{name, property, value, link}], grouping repeated names. */
  function propertyList(id, rows) {
    const dl = el("dl", { id, class: "props" });
    let lastName = null;
    for (const row of rows || []) {
      if (row.name !== lastName) {
        dl.appendChild(el("dt", { title: row.property || null }, row.name || compact(row.property || "")));
        lastName = row.name;
      }
      dl.appendChild(el("dd", null, valueNode(row.value, row.link)));
    }
    return dl;
  }

  function sparqlUsed(sparql) {
    if (!sparql) return null;
    return el("details", { class: "sparql-used" },
      el("summary", null, "SPARQL run for this page"),
      el("pre", null, sparql));
  }

  // ---------------------------------------------------------------- router

  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, "");
    const q = raw.indexOf("?");
    const route = (q < 0 ? raw : raw.slice(0, q)) || "search";
    const params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
    return { route, params };
  }

  const ROUTES = {
    search: renderSearch,
    documents: renderDocuments,
    doc: renderDoc,
    entity: renderEntity,
    sparql: renderSparql,
  };

  async function route() {
    const { route, params } = parseHash();
    markNav(route);
    // Same document already shown: only move to the new position.
    if (route === "doc" && current.route === "doc" && current.doc &&
        current.doc.iri === params.get("iri") && app.dataset.state === "ready") {
      current.params = params;
      const at = parseInt(params.get("at"), 10);
      if (Number.isFinite(at)) current.doc.scrollTo(at);
      return;
    }
    const seq = ++renderSeq;
    current = { route, params, doc: null };
    setState("loading");
    const render = ROUTES[route];
    if (!render) {
      setTitle("not found");
      replaceApp(el("div", { class: "error", role: "alert" }, "No page " + route + "."));
      setState("error");
      return;
    }
    try {
      const ok = await render(params, () => seq === renderSeq);
      if (seq === renderSeq) setState(ok === false ? "error" : "ready");
    } catch (error) {
      if (seq !== renderSeq) return;
      if (!(error instanceof ApiError)) console.error(error);
      replaceApp(pageHead(el("span"), error.url || null), errorBox(error));
      setState("error");
    }
  }

  function markNav(route) {
    const active = route === "doc" || route === "entity" ? null : route;
    for (const a of document.querySelectorAll("#nav a")) {
      const on = a.dataset.nav === active;
      a.classList.toggle("active", on);
      if (on) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
  }

  /** Go to a hash; re-render when it is already the current one. */
  function navigate(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
  }

  // ---------------------------------------------------------------- search

  const FACETS = [
    // [facet key in the API answer, hash/API parameter, heading]
    ["kind", "type", "Kind"],
    ["doctype", "doctype", "Document kind"],
    ["province", "province", "Province"],
    ["year", "year", "Year"],
  ];

  function searchParams(params) {
    return {
      q: (params.get("q") || "").trim(),
      type: params.get("type") || "",
      province: params.get("province") || "",
      year: params.get("year") || "",
      doctype: params.get("doctype") || "",
    };
  }

  async function renderSearch(params, live) {
    const p = searchParams(params);
    setTitle(p.q || null, "search");
    window.scrollTo(0, 0);
    const box = el("input", { id: "search-box", type: "search", name: "q", value: p.q, placeholder: "Search sentences, measures, sections, entities, documents… e.g. 低空经济", autocomplete: "off", "aria-label": "Search" });
    const form = el("form", { id: "search-form", role: "search" }, box, el("button", { type: "submit" }, "Search"));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      // A new query keeps the filters; the hash makes the search shareable.
      navigate(hashFor("search", { ...p, q: box.value.trim() }));
    });

    const filtered = p.type || p.province || p.year || p.doctype;
    if (!p.q && !filtered) {
      replaceApp(el("section", { class: "search-page" }, form,
        el("p", { class: "muted hint" }, "Search the full text of every document: sentences, measures, section titles, entity names and document titles. Filter the hits by kind, kind of document (law or other), province and year.")));
      if (!box.value) box.focus();
      return true;
    }

    const url = apiUrl("/api/search", { q: p.q, type: p.type, province: p.province, year: p.year, doctype: p.doctype, n: PAGE_SIZE });
    replaceApp(el("section", { class: "search-page" }, form, el("p", { class: "muted" }, "Searching…")));
    let data;
    try {
      data = await api(url);
    } catch (error) {
      if (!live()) return;
      replaceApp(el("section", { class: "search-page" }, form, pageHead(el("span"), url), errorBox(error)));
      return false;
    }
    if (!live()) return;

    const hits = data.hits || [];
    const total = typeof data.total === "number" ? data.total : hits.length;
    const summary = el("p", { id: "search-summary" }, plural(total, "hit"),
      hits.length < total ? " (showing " + fmt(hits.length) + ")" : null,
      p.q ? el("span", { class: "muted" }, " for “" + p.q + "”") : null);
    const terms = p.q.split(/\s+/).filter(Boolean);
    const list = el("ol", { id: "hits" }, hits.map((hit) => hitItem(hit, terms)));
    replaceApp(el("section", { class: "search-page" },
      form,
      pageHead(summary, url),
      el("div", { class: "search-layout" },
        facetSidebar(data.facets || {}, p),
        el("div", { class: "search-results" },
          activeFilters(p),
          hits.length ? list : el("p", { class: "muted empty" }, "Nothing found.")))));
    return true;
  }

  function facetSidebar(facets, p) {
    const aside = el("aside", { id: "facets", "aria-label": "Filters" });
    for (const [key, param, heading] of FACETS) {
      // JSON objects lose the server's order for numeric keys (years): sort here,
      // years newest first, other values by count.
      const counts = Object.entries(facets[key] || {}).sort(key === "year"
        ? (a, b) => String(b[0]).localeCompare(String(a[0]))
        : (a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]), "zh"));
      const active = p[param];
      if (active && !counts.some(([v]) => v === active)) counts.unshift([active, 0]);
      const group = el("div", { class: "facet-group", dataset: { facet: key } }, el("h3", null, heading));
      const ul = el("ul");
      for (const [value, count] of counts) {
        const on = value === active;
        const next = { ...p, [param]: on ? "" : value };
        ul.appendChild(el("li", null, el("a", {
          class: "facet" + (on ? " active" : ""),
          href: hashFor("search", next),
          dataset: { facet: key, value },
          "aria-pressed": on ? "true" : "false",
          title: on ? "Remove this filter" : "Only " + value,
        }, value + " (" + fmt(count) + ")")));
      }
      if (!counts.length) ul.appendChild(el("li", { class: "muted" }, "—"));
      group.appendChild(ul);
      aside.appendChild(group);
    }
    return aside;
  }

  function activeFilters(p) {
    const chips = FACETS.filter(([, param]) => p[param]).map(([key, param, heading]) =>
      el("a", { class: "filter-chip", href: hashFor("search", { ...p, [param]: "" }), dataset: { facet: key, value: p[param] }, title: "Remove this filter" },
        heading + ": " + p[param] + " ×"));
    return chips.length ? el("div", { class: "active-filters" }, chips) : null;
  }

  function hitItem(hit, terms) {
    const kind = hit.kind || "hit";
    let href;
    let linkText;
    if (kind === "entity") {
      href = entityHref(hit.iri);
      linkText = hit.title || hit.text || hit.iri;
    } else if (kind === "document") {
      href = docHref(hit.iri);
      linkText = hit.title || hit.text || hit.iri;
    } else {
      href = hit.document ? docHref(hit.document, hit.begin) : entityHref(hit.iri);
      linkText = hit.title || hit.document || hit.iri;
    }
    return el("li", { class: "hit", dataset: { kind, province: hit.province, year: hit.year, iri: hit.iri, document: hit.document } },
      el("div", { class: "hit-head" },
        el("span", { class: "kind-badge kind-" + kind.replace(/[^a-z]/g, "") }, kind),
        el("a", { class: "hit-title", href }, linkText),
        typeof hit.score === "number" ? el("span", { class: "hit-score muted", title: "score" }, hit.score.toFixed(2)) : null),
      hit.text ? el("p", { class: "hit-text" }, el("a", { class: "hit-link", href }, highlighted(hit.text, terms, 80))) : null,
      el("div", { class: "hit-meta" },
        hit.section ? el("span", { class: "hit-section" }, hit.section) : null,
        hit.province ? el("span", { class: "hit-province" }, hit.province) : null,
        hit.year ? el("span", { class: "hit-year" }, hit.year) : null,
        kind !== "entity" ? el("a", { class: "hit-iri muted", href: entityHref(hit.iri), title: hit.iri }, "resource") : null));
  }

  // ---------------------------------------------------------------- documents

  async function renderDocuments(params, live) {
    const after = params.get("after") || "";
    setTitle("documents");
    window.scrollTo(0, 0);
    const url = apiUrl("/api/documents", { n: PAGE_SIZE, after });
    const data = await api(url);
    if (!live()) return;
    const docs = data.documents || [];
    const head = el("tr", null, ["Title", "Kind", "Province", "Year", "Issued", "Sections", "Sentences", "Measures", "Mentions"].map((h, i) =>
      el("th", { class: i >= 5 ? "num" : null, scope: "col" }, h)));
    const rows = docs.map((d) => el("tr", { class: "document-row", dataset: { iri: d.iri } },
      el("td", { class: "doc-title" }, el("a", { href: docHref(d.iri) }, d.title || compact(d.iri)),
        d.source ? el("div", { class: "muted small" }, d.source) : null),
      el("td", null, d.kind || ""),
      el("td", null, d.province || ""),
      el("td", null, d.year || ""),
      el("td", { class: "nowrap" }, d.issued || ""),
      el("td", { class: "num" }, fmt(d.sections)),
      el("td", { class: "num" }, fmt(d.sentences)),
      el("td", { class: "num" }, fmt(d.measures)),
      el("td", { class: "num" }, fmt(d.mentions))));
    const pager = el("nav", { class: "pager", "aria-label": "Pages" },
      after ? el("a", { id: "first-page", href: "#/documents" }, "« First") : null,
      data.next !== null && data.next !== undefined
        ? el("a", { id: "next-page", href: hashFor("documents", { after: data.next }) }, "Next »") : null);
    replaceApp(el("section", { class: "documents-page" },
      pageHead(el("h1", null, "Documents"), url, el("p", { id: "documents-summary", class: "muted" }, plural(data.total !== undefined ? data.total : docs.length, "document"))),
      docs.length ? el("div", { class: "table-wrap" }, el("table", { id: "documents", class: "data" }, el("thead", null, head), el("tbody", null, rows)))
        : el("p", { class: "muted empty" }, "No documents."),
      pager));
    return true;
  }

  // ---------------------------------------------------------------- document

  async function renderDoc(params, live) {
    const iri = params.get("iri");
    if (!iri) throw new ApiError("no document given: #/doc?iri=…", 0);
    const url = apiUrl("/api/document", { iri });
    const data = await api(url);
    if (!live()) return;
    setTitle(data.title || compact(iri), "document");
    window.scrollTo(0, 0);

    const text = typeof data.text === "string" ? data.text : "";
    const view = buildText(text, data.mentions || [], data.evidence || []);
    const legend = buildLegend(data.mentions || [], data.evidence || [], view);
    const aside = el("aside", { class: "doc-side" },
      legend,
      buildOutline(data.sections || [], iri),
      buildMeasures(data.measures || [], data.sections || [], iri));

    const isEntity = el("a", { class: "small", href: entityHref(data.iri || iri) }, "as resource");
    replaceApp(el("article", { class: "doc-page", dataset: { iri: data.iri || iri } },
      pageHead(el("h1", { id: "doc-title" }, data.title || compact(iri)), url,
        el("div", { class: "iri muted small" }, data.iri || iri, " · ", isEntity)),
      propertyList("metadata", data.metadata),
      el("div", { class: "doc-layout" },
        aside,
        el("div", { class: "doc-main" }, view.node, sparqlUsed(data.sparql)))));

    view.sizeChunks();
    current.doc = { iri, scrollTo: view.scrollTo };
    const at = parseInt(params.get("at"), 10);
    if (Number.isFinite(at)) await view.scrollTo(at);
    return true;
  }

  /** The document text with mentions and evidence sentences as nested elements.
   *  Offsets count code points. Overlapping spans are resolved by a sweep:
   *  a span starting inside an open one nests when it ends within it, else it is skipped. */
  function buildText(text, mentions, evidence) {
    const { map, length } = codePointMap(text);
    const valid = (b, e) => Number.isInteger(b) && Number.isInteger(e) && b >= 0 && b < e && e <= length;
    const items = [];
    for (const ev of evidence) if (valid(ev.begin, ev.end)) items.push({ b: ev.begin, e: ev.end, rank: 0, ev });
    for (const m of mentions) if (valid(m.begin, m.end)) items.push({ b: m.begin, e: m.end, rank: 1, m });
    items.sort((x, y) => x.b - y.b || y.e - x.e || x.rank - y.rank);

    // The text is cut into blocks (div.chunk) at line ends between top-level
    // spans; CSS gives them content-visibility: auto, so only what is on screen
    // is laid out. Their estimated heights are set by sizeChunks().
    const root = el("div", { id: "doc-text", lang: "zh" });
    const frag = document.createDocumentFragment();
    const chunks = [];
    const newChunk = () => {
      const chunk = document.createElement("div");
      chunk.className = "chunk";
      frag.appendChild(chunk);
      chunks.push(chunk);
      return chunk;
    };
    const segStarts = []; // code point start of every text node, in order
    const segNodes = [];
    const addText = (parent, from, to) => {
      const node = document.createTextNode(text.slice(map[from], map[to]));
      segStarts.push(from);
      segNodes.push(node);
      parent.appendChild(node);
    };
    const stack = [{ e: length, node: newChunk() }];
    let chunkLength = 0;
    let pos = 0;
    const emit = (parent, to) => {
      if (to <= pos) return;
      if (parent === stack[0].node && (chunkLength += map[to] - map[pos]) >= CHUNK_SIZE) {
        const nl = text.lastIndexOf("\n", map[to] - 1);
        if (nl >= map[pos]) {
          const cut = cpOf(map, nl + 1);
          if (cut > pos) addText(parent, pos, cut);
          stack[0].node = newChunk();
          chunkLength = map[to] - map[cut];
          if (to > cut) addText(stack[0].node, cut, to);
          pos = to;
          return;
        }
      }
      addText(parent, pos, to);
      pos = to;
    };
    let skipped = 0;
    for (const item of items) {
      while (stack.length > 1 && stack[stack.length - 1].e <= item.b) {
        const top = stack.pop();
        emit(top.node, top.e);
      }
      const top = stack[stack.length - 1];
      if (item.e > top.e) { skipped++; continue; } // crosses an open span
      emit(top.node, item.b);
      const node = item.m ? mentionNode(item.m) : evidenceNode(item.ev);
      top.node.appendChild(node);
      stack.push({ e: item.e, node });
    }
    while (stack.length > 1) {
      const top = stack.pop();
      emit(top.node, top.e);
    }
    emit(stack[0].node, length);
    root.appendChild(frag);
    root.dataset.skipped = String(skipped);

    // Clicking a mention opens its entity.
    root.addEventListener("click", (e) => {
      const mark = e.target.closest("mark.mention");
      if (mark && mark.dataset.entity && !window.getSelection().toString()) {
        location.hash = entityHref(mark.dataset.entity);
      }
    });

    /** Finds the text node and UTF-16 offset of a code point offset. */
    function locate(cp) {
      let lo = 0;
      let hi = segStarts.length - 1;
      if (hi < 0) return null;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segStarts[mid] <= cp) lo = mid;
        else hi = mid - 1;
      }
      const node = segNodes[lo];
      const offset = Math.min(node.length, map[Math.min(cp, length)] - map[segStarts[lo]]);
      return { node, offset };
    }

    /** Scrolls offset `at` into view and flashes the text from there to the sentence end. */
    /** Scrolls offset `at` into view and flashes the text from there to the
     *  sentence end. Resolves once the position has settled. */
    async function scrollTo(at) {
      at = Math.max(0, Math.min(at, length));
      const start = locate(at);
      if (!start) return;
      const ch = (i) => text.slice(map[i], map[i + 1]);
      const stop = Math.min(length, at + 200);
      let end = at;
      while (end < stop && /\s/.test(ch(end))) end++;
      while (end < stop && !/[。！？；!?\n]/.test(ch(end))) end++;
      if (end < length && ch(end) !== "\n") end++; // the sentence's final mark
      end = Math.min(length, Math.max(end, at + 1));
      const finish = locate(end - 1);
      const range = document.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(finish.node, Math.min(finish.node.length, finish.offset + (map[end] - map[end - 1])));
      root.dataset.at = String(at);
      const place = () => {
        const rects = lineRects(range);
        const caret = range.cloneRange();
        caret.collapse(true);
        const top = rects.length ? rects[0].top : caret.getBoundingClientRect().top;
        window.scrollTo({ top: Math.max(0, top + window.scrollY - window.innerHeight / 3), behavior: "instant" });
        return rects;
      };
      place();
      // The blocks around the target are laid out in the next frames and their
      // real heights replace the estimates: measure and scroll once more.
      await settle();
      if (!root.isConnected) return;
      const rects = place();
      // Overlays live beside the text (in .doc-main), so they go with the page.
      const layer = root.parentNode;
      const origin = layer.getBoundingClientRect();
      for (const r of rects) {
        const flash = el("div", { class: "flash", "aria-hidden": "true" });
        flash.style.left = r.left - origin.left + "px";
        flash.style.top = r.top - origin.top + "px";
        flash.style.width = r.right - r.left + "px";
        flash.style.height = r.bottom - r.top + "px";
        layer.appendChild(flash);
        setTimeout(() => flash.remove(), 2400);
      }
    }

    /** Estimated heights of the chunks (lines of full-width characters), so
     *  the page's height and scroll positions are about right before layout. */
    function sizeChunks() {
      const style = getComputedStyle(root);
      const width = root.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const fontSize = parseFloat(style.fontSize) || 16;
      const lineHeight = parseFloat(style.lineHeight) || fontSize * 1.9;
      const perLine = Math.max(1, Math.floor(width / fontSize));
      for (const chunk of chunks) {
        const paragraphs = chunk.textContent.split("\n");
        if (paragraphs.length > 1 && paragraphs[paragraphs.length - 1] === "") paragraphs.pop();
        let lines = 0;
        for (const p of paragraphs) lines += Math.max(1, Math.ceil(Array.from(p).length / perLine));
        chunk.style.containIntrinsicSize = "auto " + Math.round(lines * lineHeight) + "px";
      }
    }

    return { node: root, scrollTo, sizeChunks, skipped };
  }

  /** Two animation frames, or 150 ms when frames do not come (hidden tab). */
  function settle() {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 150);
      requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(timer); resolve(); }));
    });
  }

  /** The client rects of a range merged per line. */
  function lineRects(range) {
    const lines = [];
    for (const r of range.getClientRects()) {
      if (!r.width && !r.height) continue;
      const line = lines.find((l) => Math.abs(l.top - r.top) < r.height / 2 + 1);
      if (line) {
        line.left = Math.min(line.left, r.left);
        line.right = Math.max(line.right, r.right);
        line.top = Math.min(line.top, r.top);
        line.bottom = Math.max(line.bottom, r.bottom);
      } else lines.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    }
    return lines;
  }

  // Built directly (not with el()): a law has tens of thousands of these.
  const typeClasses = new Map();
  function mentionNode(m) {
    const type = m.type ? String(m.type) : "Unknown";
    let cls = typeClasses.get(type);
    if (!cls) typeClasses.set(type, (cls = "mention " + ensureTypeStyle(type)));
    let tip = type + ": " + (m.label || m.anchor || "");
    if (m.value !== null && m.value !== undefined && m.value !== "") tip += "\nvalue: " + m.value;
    if (m.entity) tip += "\n" + m.entity;
    const node = document.createElement("mark");
    node.className = cls;
    node.setAttribute("title", tip);
    if (m.iri) node.setAttribute("data-iri", m.iri);
    if (m.entity) node.setAttribute("data-entity", m.entity);
    node.setAttribute("data-type", type);
    node.setAttribute("data-begin", m.begin);
    node.setAttribute("data-end", m.end);
    if (m.value !== null && m.value !== undefined) node.setAttribute("data-value", m.value);
    return node;
  }

  function evidenceNode(ev) {
    const relations = Array.isArray(ev.relations) ? ev.relations : [];
    return el("span", { class: "evidence", title: relations.join("\n") || "evidence", dataset: { iri: ev.iri, begin: ev.begin, end: ev.end } });
  }

  /** Legend of mention types with counts and checkboxes toggling their colour. */
  function buildLegend(mentions, evidence, view) {
    const counts = new Map();
    for (const m of mentions) {
      const t = m.type || "Unknown";
      counts.set(t, (counts.get(t) || 0) + 1);
    }
    const types = Array.from(counts.keys()).sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b));
    const textNode = view.node;
    const items = types.map((type) => {
      const cls = ensureTypeStyle(type);
      const box = el("input", { type: "checkbox", class: "type-filter", checked: true, dataset: { type } });
      box.addEventListener("change", () => textNode.classList.toggle("off-" + cls, !box.checked));
      return el("li", null, el("label", null, box,
        el("span", { class: "swatch mention " + cls }),
        el("span", { class: "legend-type" }, type),
        el("span", { class: "count muted" }, fmt(counts.get(type)))));
    });
    if (evidence.length) {
      const box = el("input", { type: "checkbox", class: "evidence-filter", checked: true });
      box.addEventListener("change", () => textNode.classList.toggle("off-evidence", !box.checked));
      items.push(el("li", null, el("label", null, box,
        el("span", { class: "swatch swatch-evidence" }),
        el("span", { class: "legend-type" }, "evidence"),
        el("span", { class: "count muted" }, fmt(evidence.length)))));
    }
    return el("details", { id: "legend", class: "side-box", open: true },
      el("summary", null, "Annotations ", el("span", { class: "muted" }, fmt(mentions.length))),
      items.length ? el("ul", { class: "legend-list" }, items) : el("p", { class: "muted small" }, "No mentions."),
      view.skipped ? el("p", { class: "muted small", title: "Mentions that cross another span are counted but not drawn" }, fmt(view.skipped) + " overlapping not drawn") : null);
  }

  /** Nested, collapsible outline of sections (by `parent`), linking into the text. */
  function buildOutline(sections, iri) {
    const children = new Map();
    const known = new Set(sections.map((s) => s.iri));
    for (const s of sections) {
      const key = s.parent && known.has(s.parent) && s.parent !== s.iri ? s.parent : null;
      if (!children.has(key)) children.set(key, []);
      children.get(key).push(s);
    }
    const seen = new Set();
    const branch = (s) => {
      seen.add(s.iri);
      const kids = (children.get(s.iri) || []).filter((k) => !seen.has(k.iri));
      const link = el("a", { href: docHref(iri, s.begin), title: s.title || "" }, s.title || "(untitled)");
      return el("details", { open: true, class: kids.length ? "has-children" : "leaf", dataset: { iri: s.iri, level: s.level, begin: s.begin } },
        el("summary", null, link),
        kids.length ? el("div", { class: "outline-children" }, kids.map(branch)) : null);
    };
    const roots = children.get(null) || [];
    return el("details", { class: "side-box", open: true },
      el("summary", null, "Outline ", el("span", { class: "muted" }, fmt(sections.length))),
      el("nav", { id: "outline", "aria-label": "Outline" },
        roots.length ? roots.map(branch) : el("p", { class: "muted small" }, "No sections.")));
  }

  function buildMeasures(measures, sections, iri) {
    const titles = new Map(sections.map((s) => [s.iri, s.title]));
    return el("details", { id: "measures", class: "side-box", open: measures.length <= 200 },
      el("summary", null, "Measures ", el("span", { class: "muted" }, fmt(measures.length))),
      measures.length
        ? el("ol", { class: "measure-list" }, measures.map((m) => el("li", { class: "measure", dataset: { iri: m.iri, begin: m.begin } },
            el("a", { href: docHref(iri, m.begin), title: m.section && titles.get(m.section) ? titles.get(m.section) : null }, m.label || compact(m.iri)))))
        : el("p", { class: "muted small" }, "No measures."));
  }

  // ---------------------------------------------------------------- entity

  async function renderEntity(params, live) {
    const iri = params.get("iri");
    if (!iri) throw new ApiError("no resource given: #/entity?iri=…", 0);
    const after = params.get("after") || "";
    const url = apiUrl("/api/entity", { iri, n: PAGE_SIZE, after });
    const data = await api(url);
    if (!live()) return;
    const label = data.label || compact(data.iri || iri);
    setTitle(label, "entity");
    window.scrollTo(0, 0);

    const types = data.types || [];
    const isDocument = types.includes(DOCUMENT_TYPE) || data.type === "Document";
    const head = pageHead(el("h1", { id: "entity-label" }, label), url,
      el("div", { class: "entity-types" },
        data.type ? typeBadge(data.type, data.type) : null,
        types.map((t) => el("a", { class: "type-iri", href: entityHref(t), title: t }, compact(t)))),
      el("div", { class: "iri muted small" }, data.iri || iri,
        /^https?:/.test(data.iri || iri) ? [" · ", el("a", { href: data.iri || iri, rel: "noopener noreferrer", target: "_blank" }, "dereference")] : null),
      isDocument ? el("p", null, el("a", { id: "open-document", class: "button-link", href: docHref(data.iri || iri) }, "Open as document →")) : null);

    const sections = [head];
    if (data.altLabels && data.altLabels.length) {
      sections.push(el("p", { id: "entity-altlabels" }, el("span", { class: "label-muted" }, "Also: "),
        data.altLabels.map((a, i) => [i ? " · " : null, el("span", { class: "alt-label" }, a)])));
    }
    if (data.value !== null && data.value !== undefined && data.value !== "") {
      sections.push(el("p", { id: "entity-value" }, el("span", { class: "label-muted" }, "Value: "), String(data.value)));
    }
    sections.push(box("Properties", propertyList("entity-properties", data.properties)));
    if (data.incoming && data.incoming.length) {
      sections.push(box("Incoming links", el("ul", { id: "entity-incoming" }, data.incoming.map((r) =>
        el("li", null, el("a", { href: entityHref(r.subject), title: r.subject }, r.label || compact(r.subject)),
          el("span", { class: "predicate", title: r.property || null }, " " + (r.name || compact(r.property || "")) + " → "), label)))));
    }
    if (data.relations && data.relations.length) sections.push(box("Relations", relationsTable(data.relations)));
    if (data.documents && data.documents.length) {
      sections.push(box("Documents", el("table", { id: "entity-documents", class: "data" },
        el("thead", null, el("tr", null, el("th", null, "Document"), el("th", { class: "num" }, "Mentions"))),
        el("tbody", null, data.documents.map((d) => el("tr", { class: "entity-document", dataset: { document: d.document } },
          el("td", null, el("a", { href: docHref(d.document) }, d.title || compact(d.document))),
          el("td", { class: "num" }, fmt(d.count))))))));
    }
    const mentions = data.mentions || [];
    if (mentions.length || after) {
      const total = data.total_mentions;
      const pager = el("nav", { class: "pager", "aria-label": "Pages" },
        after ? el("a", { id: "first-page", href: entityHref(iri) }, "« First") : null,
        data.next !== null && data.next !== undefined
          ? el("a", { id: "next-page", href: "#/entity?iri=" + enc(iri) + "&after=" + enc(data.next) }, "Next »") : null);
      sections.push(box("Mentions" + (typeof total === "number" ? " (" + fmt(total) + ")" : ""),
        el("ol", { id: "entity-mentions" }, mentions.map((m) => el("li", { class: "entity-mention", dataset: { iri: m.iri, document: m.document, begin: m.begin } },
          el("span", { class: "kwic" }, el("span", { class: "left" }, m.left || ""), el("mark", null, m.anchor || ""), el("span", { class: "right" }, m.right || "")),
          " ", el("a", { class: "mention-doc", href: docHref(m.document, m.begin) }, m.title || compact(m.document || ""))))),
        pager));
    }
    sections.push(sparqlUsed(data.sparql));
    replaceApp(el("article", { class: "entity-page", dataset: { iri: data.iri || iri } }, sections));
    return true;
  }

  function box(heading, ...content) {
    return el("section", { class: "box" }, el("h2", null, heading), content);
  }

  function relationsTable(relations) {
    const end = (iri, lbl) => (iri ? el("a", { href: entityHref(iri), title: iri }, lbl || compact(iri)) : lbl || "");
    return el("table", { id: "entity-relations", class: "data" },
      el("thead", null, el("tr", null, ["Subject", "Predicate", "Object", "Evidence"].map((h) => el("th", null, h)))),
      el("tbody", null, relations.map((r) => el("tr", { class: "relation", dataset: { statement: r.statement } },
        el("td", null, end(r.subject, r.subjectLabel)),
        el("td", { class: "predicate" }, r.predicate ? el("a", { href: entityHref(r.predicate), title: r.predicate }, r.predicateName || compact(r.predicate)) : r.predicateName || ""),
        el("td", null, end(r.object, r.objectLabel)),
        el("td", { class: "evidence-cell" }, r.evidence
          ? (r.document ? el("a", { href: docHref(r.document, r.begin), title: r.evidenceIri || null }, r.evidence) : r.evidence)
          : "")))));
  }

  // ---------------------------------------------------------------- SPARQL

  let examplesCache = null;

  async function renderSparql(params, live) {
    setTitle("SPARQL");
    window.scrollTo(0, 0);
    const initial = params.get("query") || "";
    const textarea = el("textarea", { id: "sparql-query", spellcheck: "false", "aria-label": "SPARQL query" });
    textarea.value = initial || "SELECT ?document ?title WHERE {\n  ?document a pkg:Document ; dcterms:title ?title .\n}\nLIMIT 20";
    const runButton = el("button", { id: "run-query", type: "button", class: "primary", title: "Ctrl-Enter" }, "Run ▶");
    const downloads = el("span", { id: "downloads", class: "downloads" });
    const output = el("div", { id: "sparql-output" });
    const prefixNote = el("p", { id: "prefixes-note", class: "muted small" });
    const examplesBox = el("div", { id: "examples" });
    replaceApp(el("section", { class: "sparql-page" },
      pageHead(el("h1", null, "SPARQL"), "/api/examples", prefixNote),
      examplesBox,
      el("div", { class: "editor-wrap" }, textarea),
      el("div", { class: "toolbar" }, runButton, el("span", { class: "muted small" }, "Ctrl-Enter runs the query"), downloads),
      output));

    const editor = makeEditor(textarea, () => run());
    window.workbenchEditor = editor;
    const updateDownloads = () => fillDownloads(downloads, editor.getValue());
    editor.on("change", updateDownloads);
    updateDownloads();
    runButton.addEventListener("click", () => run());

    let ok = true;
    // Examples and prefixes; a failure leaves the editor usable.
    try {
      if (!examplesCache) examplesCache = await api("/api/examples");
      if (!live()) return;
      // The server's list is the authority on which prefixes need no declaration.
      if (examplesCache.prefixes && Object.keys(examplesCache.prefixes).length) prefixes = { ...examplesCache.prefixes };
      fillExamples(examplesBox, examplesCache.examples || [], editor);
    } catch (error) {
      if (!live()) return;
      examplesBox.appendChild(errorBox(error));
      ok = false;
    }
    fillPrefixNote(prefixNote);

    async function run() {
      const query = editor.getValue();
      if (!query.trim()) return;
      // The hash holds the query so the page can be shared; no re-render.
      const hash = hashFor("sparql", { query });
      if (location.hash !== hash) history.pushState(null, "", hash);
      setState("loading");
      runButton.disabled = true;
      const good = await runQuery(query, output);
      runButton.disabled = false;
      if (live()) setState(good ? "ready" : "error");
    }

    if (initial.trim()) return (await runQuery(initial, output)) && ok;
    return ok;
  }

  /** CodeMirror over the textarea, or the bare textarea with the same small API. */
  function makeEditor(textarea, run) {
    if (window.CodeMirror && typeof window.CodeMirror.fromTextArea === "function") {
      const cm = window.CodeMirror.fromTextArea(textarea, {
        mode: "application/sparql-query",
        lineNumbers: true,
        matchBrackets: true,
        indentUnit: 2,
        viewportMargin: Infinity,
        extraKeys: { "Ctrl-Enter": run, "Cmd-Enter": run },
      });
      cm.on("change", () => cm.save()); // keep the textarea's value in sync
      return cm;
    }
    textarea.classList.add("plain-editor");
    textarea.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
    });
    const listeners = [];
    textarea.addEventListener("input", () => listeners.forEach((f) => f()));
    return {
      getValue: () => textarea.value,
      setValue: (v) => { textarea.value = v; listeners.forEach((f) => f()); },
      on: (event, f) => { if (event === "change") listeners.push(f); },
      focus: () => textarea.focus(),
    };
  }

  function fillDownloads(node, query) {
    const base = "/sparql?query=" + enc(query) + "&format=";
    node.textContent = "";
    append(node, ["Download: ",
      el("a", { id: "download-csv", href: base + "csv", download: "results.csv" }, "CSV"), " · ",
      el("a", { id: "download-json", href: base + "json", download: "results.json" }, "JSON"), " · ",
      el("a", { id: "download-turtle", href: base + "ttl", download: "results.ttl", title: "for CONSTRUCT and DESCRIBE" }, "Turtle")]);
  }

  function fillExamples(node, examples, editor) {
    if (!examples.length) return;
    append(node, [el("span", { class: "label-muted" }, "Examples: "), examples.map((ex) =>
      el("button", { type: "button", class: "example", dataset: { name: ex.name }, title: ex.title || ex.name, onclick: () => {
        editor.setValue(ex.query || "");
        editor.focus();
      } }, ex.name))]);
  }

  function fillPrefixNote(node) {
    node.textContent = "";
    append(node, ["These prefixes need no declaration: ",
      Object.entries(prefixes).map(([p, ns], i) => [i ? ", " : null, el("code", { title: ns }, p + ":")]), "."]);
  }

  /** POSTs a query to /sparql and draws the answer; false on error. */
  async function runQuery(query, output) {
    output.textContent = "";
    output.appendChild(el("p", { class: "muted" }, "Running…"));
    const started = performance.now();
    let res;
    let body;
    try {
      res = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          // JSON for SELECT and ASK; Turtle for CONSTRUCT and DESCRIBE.
          Accept: "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: "query=" + enc(query),
      });
      if (!res.ok) {
        const msg = await errorText(res);
        output.textContent = "";
        output.appendChild(errorBox(new ApiError(msg, res.status)));
        return false;
      }
      body = await res.text();
    } catch (error) {
      output.textContent = "";
      output.appendChild(errorBox(new ApiError("cannot reach the server: " + error.message, 0)));
      return false;
    }
    const ms = Math.round(performance.now() - started);
    const truncated = (res.headers.get("X-Policykg-Truncated") || "").toLowerCase() === "true";
    const type = (res.headers.get("Content-Type") || "").toLowerCase();
    output.textContent = "";
    const summary = el("p", { id: "results-summary" });
    output.appendChild(summary);
    if (truncated) {
      output.appendChild(el("div", { id: "results-truncated", class: "warning", role: "status" },
        "The answer was cut at the server's result limit (X-Policykg-Truncated); download or add LIMIT/OFFSET to see the rest."));
    }
    if (type.includes("json")) {
      let data;
      try {
        data = JSON.parse(body);
      } catch (error) {
        output.appendChild(errorBox(new ApiError("the answer is not JSON: " + error.message, res.status)));
        return false;
      }
      if (typeof data.boolean === "boolean") {
        summary.textContent = "ASK: " + data.boolean + " · " + ms + " ms";
        output.appendChild(el("p", { id: "ask-result", class: "ask-" + data.boolean }, String(data.boolean)));
        return true;
      }
      const vars = (data.head && data.head.vars) || [];
      const rows = (data.results && data.results.bindings) || [];
      summary.textContent = plural(rows.length, "row") + " · " + ms + " ms";
      output.appendChild(resultsTable(vars, rows));
      return true;
    }
    // A graph (CONSTRUCT / DESCRIBE): show the Turtle as text.
    const lines = body ? body.split("\n").filter((l) => l.trim() && !l.startsWith("@prefix") && !/^PREFIX /i.test(l)).length : 0;
    summary.textContent = "Graph (" + (type.split(";")[0] || "unknown type") + ") · about " + plural(lines, "line") + " · " + ms + " ms · use the Turtle download for a file";
    output.appendChild(el("pre", { id: "construct-result" }, body));
    return true;
  }

  function resultsTable(vars, rows) {
    const tbody = el("tbody");
    const table = el("table", { id: "results", class: "data" },
      el("thead", null, el("tr", null, vars.map((v) => el("th", { scope: "col" }, v)))), tbody);
    const addRows = (from, to) => {
      const frag = document.createDocumentFragment();
      for (let i = from; i < to; i++) {
        const b = rows[i];
        frag.appendChild(el("tr", null, vars.map((v) => el("td", null, termNode(b[v])))));
      }
      tbody.appendChild(frag);
    };
    addRows(0, Math.min(rows.length, MAX_RESULT_ROWS));
    const wrap = el("div", { class: "table-wrap" }, table);
    if (rows.length > MAX_RESULT_ROWS) {
      const more = el("button", { type: "button", id: "show-all-rows" }, "Show all " + fmt(rows.length) + " rows");
      more.addEventListener("click", () => { more.remove(); addRows(MAX_RESULT_ROWS, rows.length); });
      wrap.appendChild(more);
    }
    return wrap;
  }

  /** One SPARQL JSON term: IRIs link to the entity page, literals are text. */
  function termNode(term) {
    if (!term) return "";
    if (term.type === "uri") {
      return el("a", { class: "term-iri", href: entityHref(term.value), title: term.value }, compact(term.value));
    }
    if (term.type === "bnode") return el("span", { class: "term-bnode muted" }, "_:" + term.value);
    if (term.type === "literal" || term.type === "typed-literal") {
      const suffix = term["xml:lang"] ? "@" + term["xml:lang"]
        : term.datatype && term.datatype !== prefixes.xsd + "string" ? "^^" + compact(term.datatype) : null;
      return el("span", { class: "term-literal" }, term.value, suffix ? el("small", { class: "lit-suffix muted" }, suffix) : null);
    }
    if (term.type === "triple") return el("span", { class: "term-triple" }, "<< " + JSON.stringify(term.value) + " >>");
    return JSON.stringify(term);
  }

  // ---------------------------------------------------------------- start

  window.addEventListener("hashchange", route);
  route();
})();
