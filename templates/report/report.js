// The report page's script (docs/ARCHITECTURE.md, Reports). It reads the JSON in #report-data and
// builds the page with DOM calls: every value from the logs is set with textContent or as an
// attribute's value, never parsed as markup, and a link is made only from an http(s) URL. Charts are
// Observable Plot's (bundled before this script), the table is virtualised so 100,000 rows stay usable.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const root = document.getElementById("report");
  /** rows drawn one mark each up to here; more are binned per lane and time */
  const MARKS_PER_ROW_LIMIT = 5000;
  const MAX_LANES = 25;
  const MAX_COLORS = 10;
  const ROW_HEIGHT = 24;
  const TABLE_HEIGHT = 480;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "text") node.textContent = String(v);
      else if (k === "onclick" || k === "oninput" || k === "onkeydown" || k === "onscroll") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== undefined && c !== null) node.append(typeof c === "string" ? document.createTextNode(c) : c);
    return node;
  }
  const n = (x) => x.toLocaleString("en-US");
  const plural = (count, one, many) => `${n(count)} ${count === 1 ? one : many || one + "s"}`;
  function safeLink(url) {
    return /^https?:\/\/[^\s]+$/i.test(url) ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: url }) : el("span", { text: url });
  }
  function section(id, heading, ...body) {
    return el("section", { id, "aria-labelledby": `${id}-h` }, el("h2", { id: `${id}-h`, text: heading }), ...body);
  }
  function simpleTable(caption, columns, rows) {
    return el(
      "table",
      { class: "plain" },
      el("caption", { text: caption }),
      el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col", text: c })))),
      el(
        "tbody",
        {},
        rows.map((r) => el("tr", {}, r.map((v) => el("td", {}, v instanceof Node ? v : String(v ?? ""))))),
      ),
    );
  }

  root.append(el("h1", { text: data.title }));
  if (data.kind === "rows") rowsPage(data);
  else if (data.kind === "schema") schemaPage(data);
  else if (data.kind === "schema-diff") diffPage(data);

  // ---- rows: an investigation or a detection run ----
  function rowsPage(d) {
    const s = d.source;
    const facts = [
      ["produced by", `${s.kind === "detection" ? "rule set" : s.kind} ${s.name}`],
      ["engine", s.engine],
      ["partitions read", s.partitions],
      ["time taken", s.seconds === undefined ? "not recorded (add --report-timing to record it)" : `${s.seconds.toFixed(1)} s`],
      ["rows", n(d.rows.length)],
    ];
    if (s.description) facts.splice(1, 0, ["question", s.description]);
    root.append(
      section(
        "source",
        "What produced these rows",
        el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })])),
        s.parameters.length === 0 ? el("p", { text: "No parameters." }) : simpleTable("Parameters", ["name", "value"], s.parameters),
        el("details", {}, el("summary", { text: "HiveQL" }), el("pre", { class: "sql", tabindex: "0" }, el("code", { text: s.hiveql }))),
      ),
    );
    const state = { filter: "", rule: undefined, sort: undefined, desc: false, view: d.rows.map((_, i) => i), domain: undefined };
    const lowered = [];
    const lower = (i) => lowered[i] || (lowered[i] = d.rows[i].map((v) => (v === null ? "" : v.toLowerCase())).join("\u0000"));
    const timeline = d.timeline ? timelineSection(d, state) : section("timeline", "Timeline", el("p", { text: "The rows have no time column, so there is no timeline; the table below has every row." }));
    root.append(timeline.node || timeline);
    if (d.rules) root.append(rulesSection(d, state, () => apply()));
    const table = rowsTable(d, state, () => apply());
    root.append(table.node);

    function apply() {
      const q = state.filter.trim().toLowerCase();
      const ruleCol = d.columns.indexOf("rule_id");
      let view = [];
      for (let i = 0; i < d.rows.length; i++) {
        if (state.rule !== undefined && d.rows[i][ruleCol] !== state.rule) continue;
        if (q !== "" && !lower(i).includes(q)) continue;
        view.push(i);
      }
      if (state.sort !== undefined) {
        const c = state.sort;
        const sign = state.desc ? -1 : 1;
        view.sort((a, b) => sign * compare(d.rows[a][c], d.rows[b][c]) || a - b);
      }
      state.view = view;
      table.update();
      if (timeline.update) timeline.update();
    }
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    const x = Number(a);
    const y = Number(b);
    if (a !== "" && b !== "" && Number.isFinite(x) && Number.isFinite(y)) return x - y;
    return a < b ? -1 : 1;
  }

  function timelineSection(d, state) {
    const tl = d.timeline;
    const times = d.rows.map((r) => Date.parse(r[tl.time] || ""));
    const summary = el("p", { id: "timeline-summary" });
    const figure = el("figure", { id: "timeline-chart", tabindex: "0", "aria-describedby": "timeline-summary timeline-keys" });
    const keys = el("p", { id: "timeline-keys", class: "hint", text: "Zoom with the buttons, the mouse wheel, or + and - with the chart focused; move with the arrow keys; 0 resets. Hover a mark for its row." });
    const extent = () => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const i of state.view) {
        const t = times[i];
        if (Number.isFinite(t)) {
          if (t < lo) lo = t;
          if (t > hi) hi = t;
        }
      }
      if (lo === Infinity) return undefined;
      const pad = Math.max((hi - lo) * 0.02, 30000);
      return [lo - pad, hi + pad];
    };
    const zoom = (factor, centre) => {
      const [a, b] = state.domain || extent() || [0, 1];
      const mid = centre === undefined ? (a + b) / 2 : centre;
      const span = Math.max((b - a) * factor, 1000);
      state.domain = [mid - (mid - a) * (span / (b - a)), mid + (b - mid) * (span / (b - a))];
      draw();
    };
    const pan = (share) => {
      const [a, b] = state.domain || extent() || [0, 1];
      const by = (b - a) * share;
      state.domain = [a + by, b + by];
      draw();
    };
    const reset = () => {
      state.domain = undefined;
      draw();
    };
    const controls = el(
      "div",
      { class: "controls", role: "group", "aria-label": "timeline zoom" },
      el("button", { type: "button", onclick: () => zoom(0.5), text: "Zoom in" }),
      el("button", { type: "button", onclick: () => zoom(2), text: "Zoom out" }),
      el("button", { type: "button", onclick: () => pan(-0.25), text: "Earlier" }),
      el("button", { type: "button", onclick: () => pan(0.25), text: "Later" }),
      el("button", { type: "button", onclick: reset, text: "Reset" }),
    );
    figure.addEventListener("keydown", (e) => {
      const act = { "+": () => zoom(0.5), "=": () => zoom(0.5), "-": () => zoom(2), ArrowLeft: () => pan(-0.25), ArrowRight: () => pan(0.25), 0: reset }[e.key];
      if (act) {
        e.preventDefault();
        act();
      }
    });
    figure.addEventListener(
      "wheel",
      (e) => {
        const svg = figure.querySelector("svg");
        const [a, b] = state.domain || extent() || [0, 1];
        if (!svg) return;
        e.preventDefault();
        const box = svg.getBoundingClientRect();
        const share = Math.min(Math.max((e.clientX - box.left) / box.width, 0), 1);
        zoom(e.deltaY < 0 ? 0.8 : 1.25, a + (b - a) * share);
      },
      { passive: false },
    );
    const node = section("timeline", "Timeline", summary, keys, controls, figure);

    function draw() {
      const domain = state.domain || extent();
      const inView = [];
      let untimed = 0;
      for (const i of state.view) {
        const t = times[i];
        if (!Number.isFinite(t)) untimed++;
        else if (domain === undefined || (t >= domain[0] && t <= domain[1])) inView.push(i);
      }
      const laneCount = new Map();
      for (const i of inView) {
        const lane = d.rows[i][tl.lane] ?? "(none)";
        laneCount.set(lane, (laneCount.get(lane) || 0) + 1);
      }
      const lanes = [...laneCount].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
      const shownLanes = new Set(lanes.slice(0, MAX_LANES));
      const other = lanes.length > MAX_LANES ? `(${lanes.length - MAX_LANES} others)` : undefined;
      const colorCount = new Map();
      if (tl.color !== undefined) for (const i of inView) colorCount.set(d.rows[i][tl.color] ?? "(none)", (colorCount.get(d.rows[i][tl.color] ?? "(none)") || 0) + 1);
      const colors = [...colorCount].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
      const shownColors = new Set(colors.slice(0, MAX_COLORS));
      const marks = inView.map((i) => {
        const r = d.rows[i];
        const lane = r[tl.lane] ?? "(none)";
        const color = tl.color === undefined ? "rows" : (r[tl.color] ?? "(none)");
        return {
          i,
          t: new Date(times[i]),
          lane: shownLanes.has(lane) ? lane : other,
          color: shownColors.has(color) || tl.color === undefined ? color : "(other)",
          error: tl.error !== undefined && r[tl.error] !== null && r[tl.error] !== "" ? "error" : "ok",
        };
      });
      const aggregated = marks.length > MARKS_PER_ROW_LIMIT;
      const laneName = d.columns[tl.lane];
      const describe = (m) => d.columns.map((c, k) => `${c}: ${d.rows[m.i][k] ?? "NULL"}`).join("\n");
      const dot = aggregated
        ? Plot.dot(marks, Plot.binX({ r: "count", title: (ms) => `${ms.length} rows` }, { x: "t", y: "lane", fill: "color", thresholds: 200, tip: true, clip: true }))
        : Plot.dot(marks, {
            x: "t",
            y: "lane",
            fill: "color",
            symbol: "error",
            r: 4.5,
            clip: true,
            title: describe,
            ariaLabel: (m) => `${m.t.toISOString()} ${m.lane} ${m.color}${m.error === "error" ? " (error)" : ""}`,
            tip: { lineWidth: 80, maxRadius: 12 },
          });
      const laneOrder = [...lanes.slice(0, MAX_LANES), ...(other ? [other] : [])];
      const chart = Plot.plot({
        width: Math.max(640, Math.min(figure.clientWidth || 1100, 1600)),
        height: Math.max(240, 60 + laneOrder.length * 28),
        marginLeft: 220,
        // The axis label centred under the ticks: at Plot's default (the right end, beside the ticks)
        // it overlapped the last tick's label on wide ranges.
        marginBottom: 46,
        x: { type: "utc", label: "time (UTC)", labelAnchor: "center", labelArrow: "none", labelOffset: 38, ...(domain ? { domain: domain.map((t) => new Date(t)) } : {}) },
        y: { domain: laneOrder, label: laneName, tickFormat: (v) => (String(v).length > 34 ? String(v).slice(0, 16) + "…" + String(v).slice(-16) : v) },
        color: { legend: true, label: tl.color === undefined ? "" : d.columns[tl.color], domain: tl.color === undefined ? ["rows"] : [...colors.slice(0, MAX_COLORS), ...(colors.length > MAX_COLORS ? ["(other)"] : [])] },
        r: aggregated ? { range: [1.5, 7] } : undefined,
        symbol: aggregated ? undefined : { legend: tl.error !== undefined, domain: ["ok", "error"], range: ["circle", "cross"] },
        ariaLabel: "Timeline of the rows",
        ariaDescription: summaryText(),
        marks: [Plot.ruleY(laneOrder, { stroke: "#e5e5e5" }), dot],
      });
      figure.replaceChildren(chart);
      summary.textContent = summaryText();

      function summaryText() {
        const span = marks.length === 0 ? "" : ` between ${marks.reduce((a, m) => (m.t < a ? m.t : a), marks[0].t).toISOString()} and ${marks.reduce((a, m) => (m.t > a ? m.t : a), marks[0].t).toISOString()}`;
        const errors = marks.filter((m) => m.error === "error").length;
        return (
          `${plural(marks.length, "row")} on the timeline${span}, in ${plural(lanes.length, "lane")} by ${laneName}` +
          (tl.error !== undefined ? `, ${plural(errors, "error")}` : "") +
          (untimed > 0 ? `; ${plural(untimed, "row")} without a time are only in the table` : "") +
          (aggregated ? `; more than ${n(MARKS_PER_ROW_LIMIT)} rows, so marks count the rows per time bin (zoom in or filter to see each row)` : "; one mark per row") +
          "."
        );
      }
    }
    draw();
    return { node, update: draw };
  }

  function rulesSection(d, state, apply) {
    const status = el("p", { id: "rule-filter", "aria-live": "polite", text: "Showing the hits of every rule." });
    const body = d.rules.map((r) =>
      el(
        "tr",
        {},
        el("td", { text: r.level }),
        el("td", { text: r.title }),
        el("td", {}, el("code", { text: r.id })),
        el("td", { text: r.author }),
        el("td", {}, r.references.length === 0 ? "" : el("ul", { class: "refs" }, r.references.map((u) => el("li", {}, safeLink(u))))),
        el("td", { class: "num", text: n(r.hits) }),
        el(
          "td",
          {},
          r.hits === 0
            ? ""
            : el("button", {
                type: "button",
                text: "Show its hits",
                "aria-label": `Show the ${plural(r.hits, "hit")} of ${r.title}`,
                onclick: () => {
                  state.rule = r.id;
                  status.replaceChildren(`Showing the hits of ${r.title}. `, el("button", { type: "button", text: "Show every rule's hits", onclick: clear }));
                  apply();
                  document.getElementById("rows").scrollIntoView();
                },
              }),
        ),
      ),
    );
    function clear() {
      state.rule = undefined;
      status.textContent = "Showing the hits of every rule.";
      apply();
    }
    const levels = new Map();
    for (const r of d.rules) levels.set(r.level, (levels.get(r.level) || 0) + r.hits);
    return section(
      "rules",
      "Rules",
      el("p", { text: `${plural(d.rules.length, "rule")} tested; hits per level: ${[...levels].map(([l, c]) => `${l} ${n(c)}`).join(", ")}. The Detection Rule License asks that each rule's title, author and reference be shown.` }),
      status,
      el(
        "table",
        { class: "plain" },
        el("caption", { text: "Hits per rule" }),
        el("thead", {}, el("tr", {}, ["level", "title", "id", "author", "references", "hits", ""].map((c) => el("th", { scope: "col", text: c })))),
        el("tbody", {}, body),
      ),
    );
  }

  function rowsTable(d, state, apply) {
    const count = el("p", { id: "row-count", "aria-live": "polite" });
    const filter = el("input", { type: "search", id: "row-filter", placeholder: "filter: any text in a row", "aria-label": "Filter the rows by any text they hold" });
    let timer;
    filter.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        state.filter = filter.value;
        apply();
      }, 120);
    });
    const heads = d.columns.map((c, k) => {
      const button = el("button", { type: "button", class: "sort", text: c, onclick: () => sortBy(k) });
      return el("th", { scope: "col", "aria-sort": "none" }, button);
    });
    function sortBy(k) {
      state.desc = state.sort === k ? !state.desc : false;
      state.sort = k;
      heads.forEach((h, j) => h.setAttribute("aria-sort", j === k ? (state.desc ? "descending" : "ascending") : "none"));
      apply();
    }
    const body = el("tbody", {});
    const table = el("table", { class: "rows", "aria-rowcount": String(d.rows.length + 1) }, el("caption", { text: "The rows" }), el("thead", {}, el("tr", { "aria-rowindex": "1" }, heads)), body);
    const scroller = el("div", { class: "scroller", tabindex: "0", role: "region", "aria-label": "rows, scrollable" }, table);
    let frame = 0;
    scroller.addEventListener("scroll", () => {
      if (frame === 0) frame = requestAnimationFrame(() => ((frame = 0), fill()));
    });
    function spacer(height) {
      const tr = el("tr", { class: "spacer", "aria-hidden": "true" }, el("td", { colspan: String(d.columns.length) }));
      tr.style.height = `${height}px`;
      return tr;
    }
    function fill() {
      const view = state.view;
      const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - 10);
      const last = Math.min(view.length, first + Math.ceil(TABLE_HEIGHT / ROW_HEIGHT) + 20);
      const rows = [spacer(first * ROW_HEIGHT)];
      for (let p = first; p < last; p++) {
        const r = d.rows[view[p]];
        rows.push(
          el(
            "tr",
            { "aria-rowindex": String(p + 2) },
            r.map((v) => el("td", { title: v === null ? "NULL" : v.length > 40 ? v : undefined, class: v === null ? "null" : undefined, text: v === null ? "NULL" : v })),
          ),
        );
      }
      rows.push(spacer((view.length - last) * ROW_HEIGHT));
      body.replaceChildren(...rows);
    }
    function update() {
      table.setAttribute("aria-rowcount", String(state.view.length + 1));
      scroller.style.height = `${Math.min(TABLE_HEIGHT, (state.view.length + 2) * ROW_HEIGHT + 24)}px`;
      count.textContent = state.view.length === d.rows.length ? `${plural(d.rows.length, "row")}.` : `${plural(state.view.length, "row")} of ${n(d.rows.length)} match.`;
      fill();
    }
    update();
    return { node: section("rows", "Rows", el("div", { class: "controls" }, el("label", { for: "row-filter", text: "Filter " }), filter), count, scroller), update };
  }

  // ---- schema ----
  function schemaPage(d) {
    root.append(
      section(
        "summary",
        "Summary",
        el("p", { text: `${plural(d.records, "record")} in ${d.file}; ${plural(d.fields.length, "top-level field")}, ${plural(d.conflicts.length, "conflict")}, ${plural(d.events.length, "per-event shape")}.` }),
        simpleTable("Records per eventVersion", ["eventVersion", "records"], d.eventVersions.map(([v, c]) => [v, n(c)])),
      ),
    );
    const search = el("input", { type: "search", id: "field-filter", placeholder: "filter fields by path", "aria-label": "Filter the fields by path" });
    const tree = el("ul", { class: "tree", role: "list" }, d.fields.map((f) => fieldItem(f, d.records)));
    search.addEventListener("input", () => {
      const q = search.value.trim().toLowerCase();
      for (const li of tree.querySelectorAll("li")) {
        const hit = q === "" || li.dataset.path.toLowerCase().includes(q) || [...li.querySelectorAll("li")].some((c) => c.dataset.path.toLowerCase().includes(q));
        li.hidden = !hit;
        const det = li.querySelector(":scope > details");
        if (det && q !== "") det.open = hit;
      }
    });
    root.append(section("fields", "Fields", el("p", { class: "hint", text: "Each field: its Hive type, in how many records it was present and null, the JSON kinds seen, other spellings, the eventVersions that brought it (when not every eventVersion of its parent's records had it), and why it is a map or JSON text." }), el("div", { class: "controls" }, el("label", { for: "field-filter", text: "Filter " }), search), tree));
    root.append(section("conflicts", "Conflicts", d.conflicts.length === 0 ? el("p", { text: "No conflicts." }) : simpleTable("Every type conflict, in path order", ["path", "resolution", "JSON kinds seen", "event"], d.conflicts.map((c) => [c.path, c.resolution, c.kinds, c.event || ""]))));
    root.append(
      section(
        "flavors",
        "Columns per flavor",
        d.flavors.map((f) =>
          el("details", {}, el("summary", { text: `${f.flavor}: ${plural(f.columns.length, "column")}${f.partitions.length ? `, partitioned by ${f.partitions.join(", ")}` : ""}` }), el("p", { text: f.layout }), simpleTable(`${f.flavor}'s columns`, ["column", "Hive type"], f.columns)),
        ),
      ),
    );
    root.append(section("events", "Per-event shapes", d.events.length === 0 ? el("p", { text: "None." }) : simpleTable("Per-event shapes and their records", ["event", "records"], d.events.map(([e, c]) => [e, n(c)]))));
  }

  function fieldItem(f, parentRecords) {
    const pct = parentRecords > 0 ? ` (${((100 * f.present) / parentRecords).toFixed(1)}%)` : "";
    const line = [
      el("code", { class: "name", text: f.name }),
      " ",
      el("span", { class: "type", text: f.hiveType }),
      el("span", { class: "stats", text: ` present ${n(f.present)}${pct}, null ${n(f.nulls)}; kinds ${f.kinds.map(([k, c]) => `${k} ${n(c)}`).join(", ") || "none"}` }),
      f.spellings.length ? el("span", { class: "spell", text: `; spellings ${f.spellings.join(", ")}` }) : "",
      f.versions.length ? el("span", { class: "versions", text: `; only in eventVersion ${f.versions.join(", ")}` }) : "",
      f.note ? el("span", { class: "note", text: `; ${f.note}` }) : "",
    ];
    const li = el("li", { "data-path": f.path });
    if (f.children.length === 0) li.append(el("div", { class: "leaf" }, line));
    else li.append(el("details", {}, el("summary", {}, line), el("ul", { role: "list" }, f.children.map((c) => fieldItem(c, f.present)))));
    return li;
  }

  function diffPage(d) {
    root.append(
      section(
        "summary",
        "Summary",
        el("p", { text: `Before: ${d.before.file}, ${plural(d.before.records, "record")}. After: ${d.after.file}, ${plural(d.after.records, "record")}.` }),
        el("p", { text: `${plural(d.changes.length, "field change")}, ${plural(d.conflictsAdded.length, "new conflict")}, ${plural(d.conflictsRemoved.length, "conflict")} gone, ${plural(d.eventsAdded.length, "new per-event shape")}, ${plural(d.eventsRemoved.length, "per-event shape")} gone.` }),
      ),
    );
    root.append(section("changes", "Field changes", d.changes.length === 0 ? el("p", { text: "The record's fields did not change." }) : simpleTable("Fields added, removed, widened or narrowed", ["change", "path", "from", "to"], d.changes.map((c) => [c.kind, c.path, c.from || "", c.to || ""]))));
    const conflictRows = [...d.conflictsAdded.map((c) => ["new", c.path, c.resolution, c.kinds, c.event || ""]), ...d.conflictsRemoved.map((c) => ["gone", c.path, c.resolution, c.kinds, c.event || ""])];
    root.append(section("conflicts", "Conflicts", conflictRows.length === 0 ? el("p", { text: "The conflicts did not change." }) : simpleTable("Conflicts that came or went", ["", "path", "resolution", "JSON kinds seen", "event"], conflictRows)));
    const eventRows = [...d.eventsAdded.map((e) => ["new", e]), ...d.eventsRemoved.map((e) => ["gone", e])];
    root.append(section("events", "Per-event shapes", eventRows.length === 0 ? el("p", { text: "The per-event shapes did not change." }) : simpleTable("Per-event shapes that came or went", ["", "event"], eventRows)));
  }
})();
