// The document list: filter by language, organisation, event type, date range, place,
// programme; sort; the form mirrors the address (?org=...&role=funder), so every number
// on the overview links to the documents behind it.
(function () {
  const form = document.querySelector("form.filters");
  const body = document.querySelector("#documents tbody");
  const rows = Array.from(body.rows);
  const shown = document.getElementById("shown");
  const names = JSON.parse(document.getElementById("names").textContent);
  const known = new Set(Array.from(document.querySelectorAll("#orgs option"), o => o.value.toLowerCase()));
  const tokens = (row, name) => (row.dataset[name] || "").split("|").filter(Boolean);
  const codes = (row, name) => (row.dataset[name] || "").split(" ").filter(Boolean).map(Number);
  // the numbers of the names a query matches: the name itself when it is a known one, else every name containing it
  function matching(q) {
    const exact = names.indexOf(q);
    if (exact >= 0 && (known.has(q) || !names.some((n, i) => i !== exact && n.includes(q)))) return new Set([exact]);
    return new Set(names.flatMap((n, i) => n.includes(q) ? [i] : []));
  }
  const params = new URLSearchParams(location.search);
  for (const el of form.elements) if (el.name && params.has(el.name)) el.value = params.get(el.name);

  function eventMatch(row, type, from, to) {
    const inRange = m => !!m && (!from || m >= from) && (!to || m <= to);
    const events = (row.dataset.events || "").split(" ").filter(Boolean).map(t => t.split("@"));
    if (type) return events.some(([t, m]) => t === type && (!from && !to || inRange(m)));
    return inRange((row.dataset.date || "").slice(0, 7)) || events.some(([, m]) => inRange(m));
  }
  function apply() {
    const v = Object.fromEntries(new FormData(form));
    const org = (v.org || "").trim().toLowerCase();
    const orgField = v.role === "funder" ? "funders" : v.role === "implementer" ? "implementers" : "orgs";
    const orgCodes = org && matching(org), programme = (v.programme || "").trim().toLowerCase();
    const programmeCodes = programme && matching(programme);
    let n = 0;
    for (const row of rows) {
      const ok = (!v.lang || (row.dataset.lang || "").split(" ").includes(v.lang))
        && (!org || codes(row, orgField).some(c => orgCodes.has(c)))
        && (!v.type && !v.from && !v.to || eventMatch(row, v.type, v.from, v.to))
        && (!v.place || tokens(row, "places").includes(v.place.toLowerCase()))
        && (!programme || codes(row, "programmes").some(c => programmeCodes.has(c)))
        && (!v.has || (row.dataset.has || "").split(" ").includes(v.has));
      row.hidden = !ok;
      if (ok) n++;
    }
    shown.textContent = n;
    const [key, dir] = (v.sort || "id").split(":");
    const value = row => key === "id" ? Number(row.dataset.n) : key === "date" ? row.dataset.date || "" : Number(row.dataset[key] || 0);
    const sorted = rows.slice().sort((a, b) => {
      const x = value(a), y = value(b);
      return (x < y ? -1 : x > y ? 1 : Number(a.dataset.n) - Number(b.dataset.n)) * (dir === "desc" ? -1 : 1);
    });
    body.append(...sorted);
    const query = new URLSearchParams(Object.entries(v).filter(([, x]) => x));
    history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
  }
  form.addEventListener("input", apply);
  form.addEventListener("reset", () => setTimeout(apply));
  form.addEventListener("submit", e => { e.preventDefault(); apply(); });
  apply();
})();
