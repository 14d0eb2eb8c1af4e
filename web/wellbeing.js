// Wellbeing self-checks: opt-in history on this device, and today's date for the prevention plan.
//
// Nothing is stored unless the reader ticks "Keep my results on this device".
// With opt-in, after each result only what Python returned is kept: the date and
// the scale scores (CBI) or the sign counts per group (reflection checklists),
// never an answer. This module computes no score, count, band or verdict: it
// stores and draws the numbers selfcheck returned.

import { checkboxRow, element as el } from "./selfcheck.js";
import { isObject, record } from "./storage.js";

const PREFIX = "selfcheck:wellbeing:";
const MAX_ENTRIES = 60;
const SVG_NS = "http://www.w3.org/2000/svg";
// Line colours (presentation only), distinguishable in greyscale print too by the marker shapes' order.
const COLOURS = ["#1f5f99", "#b5530b", "#2e7d32", "#6a1b9a"];

const TEXT = {
  optin: "Keep my results on this device to see a trend",
  explain:
    "Off unless you tick it. If you do, each time you see your results the date and the numbers shown " +
    "(scores or counts, never your answers) are kept in this browser on this device only. Nothing is sent anywhere.",
  remove: "Delete all my stored results",
  kept: "Your result was kept on this device.",
  on: "Your next results will be kept on this device.",
  off: "Keeping results is off. Results stored on this device were deleted.",
  deleted: "All your stored results for this self-check were deleted from this device.",
  reset: "Stored results on this device could not be read (damaged or from an older version), so they were cleared.",
  unavailable: "This browser does not allow storage here, so results cannot be kept. Everything else works.",
  trendTitle: "Your trend on this device",
  empty: "No results stored yet.",
};

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function isEntry(entry) {
  if (!isObject(entry)) return false;
  if (typeof entry.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(entry.date)) return false;
  if (!isObject(entry.values)) return false;
  const okNumber = (v) => v === null || (typeof v === "number" && Number.isFinite(v));
  if (!Object.values(entry.values).every(okNumber)) return false;
  if (entry.max !== undefined && (typeof entry.max !== "number" || !Number.isFinite(entry.max))) return false;
  return true;
}

/** Storage for one exercise's history: {v, entries}. */
function store(id) {
  return record(PREFIX + id, (data) => Array.isArray(data.entries) && data.entries.every(isEntry));
}

/** The series of this exercise, labelled from its definition: CBI scales or reflection domains. */
function seriesOf(definition) {
  const groups = definition.kind === "cbi" ? definition.scales : definition.domains;
  return (groups || []).map((g) => ({ id: g.id, title: g.title }));
}

/** The entry to keep from Python's result: date and the numbers selfcheck returned, nothing else. */
function entryFrom(kind, result) {
  const values = {};
  let max;
  if (kind === "cbi") {
    for (const scale of result.scales || []) values[scale.id] = scale.score ?? null;
    max = 100;
  } else {
    for (const item of result.items || []) {
      values[item.id] = typeof item.count === "number" ? item.count : null;
      if (typeof item.total === "number") max = Math.max(max ?? 0, item.total);
    }
  }
  const entry = { date: today(), values };
  if (max !== undefined) entry.max = max;
  return entry;
}

function chart(entries, series, kind) {
  const width = 360;
  const height = 160;
  const pad = { left: 34, right: 12, top: 10, bottom: 24 };
  const top = kind === "cbi" ? 100 : Math.max(1, ...entries.map((e) => e.max ?? 0),
    ...entries.flatMap((e) => Object.values(e.values).filter((v) => v !== null)));
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("class", "sc-trend-chart");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Trend chart of your stored results; the same numbers are in the table below.");
  const x = (i) => pad.left + (entries.length === 1 ? (width - pad.left - pad.right) / 2
    : (i * (width - pad.left - pad.right)) / (entries.length - 1));
  const y = (v) => height - pad.bottom - (v / top) * (height - pad.top - pad.bottom);
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  for (const tick of [0, top / 2, top]) {
    add("line", { x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick), stroke: "#9e9e9e",
      "stroke-width": 0.5, class: "sc-trend-grid" });
    add("text", { x: pad.left - 4, y: y(tick) + 4, "text-anchor": "end", "font-size": 10, fill: "currentColor",
      class: "sc-trend-axis" },
      String(Math.round(tick * 10) / 10));
  }
  add("text", { x: x(0), y: height - 6, "text-anchor": "start", "font-size": 10, fill: "currentColor",
    class: "sc-trend-axis" }, entries[0].date);
  if (entries.length > 1) {
    add("text", { x: x(entries.length - 1), y: height - 6, "text-anchor": "end", "font-size": 10,
      fill: "currentColor", class: "sc-trend-axis" },
      entries[entries.length - 1].date);
  }
  series.forEach((s, index) => {
    const points = entries
      .map((e, i) => (typeof e.values[s.id] === "number" ? `${x(i)},${y(e.values[s.id])}` : null))
      .filter(Boolean);
    const cls = `sc-trend-series sc-trend-series--${index % 4}`;
    const colour = COLOURS[index % COLOURS.length];
    if (points.length > 1) {
      add("polyline", { points: points.join(" "), fill: "none", stroke: colour, "stroke-width": 2, class: cls });
    }
    for (const p of points) {
      const [cx, cy] = p.split(",");
      add("circle", { cx, cy, r: 3.5, fill: colour, class: cls });
    }
  });
  return svg;
}

function table(entries, series) {
  const node = el("table", "sc-trend-table");
  node.append(el("caption", null, "Your stored results, oldest first"));
  const head = el("tr");
  head.append(Object.assign(el("th", null, "Date"), { scope: "col" }));
  for (const s of series) head.append(Object.assign(el("th", null, s.title), { scope: "col" }));
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  for (const entry of entries) {
    const row = el("tr");
    row.append(Object.assign(el("th", null, entry.date), { scope: "row" }));
    for (const s of series) {
      const value = entry.values[s.id];
      row.append(el("td", null, typeof value === "number" ? String(Math.round(value * 10) / 10) : "no score"));
    }
    tbody.append(row);
  }
  node.append(thead, tbody);
  return node;
}

function legend(series) {
  const list = el("ul", "sc-trend-legend");
  series.forEach((s, index) => {
    const item = el("li");
    const key = el("span", `sc-trend-key sc-trend-series--${index % 4}`, "● ");
    key.style.color = COLOURS[index % COLOURS.length];
    key.setAttribute("aria-hidden", "true");
    item.append(key, document.createTextNode(s.title));
    list.append(item);
  });
  return list;
}

function attachHistory(root, api) {
  const id = root.dataset.exercise;
  const kind = root.dataset.exerciseKind;
  const definition = api.definitionOf(root);
  const series = seriesOf(definition);
  const storage = store(id);

  const box = el("section", "sc-history");
  box.dataset.history = id;
  box.append(el("h3", "sc-history-title", "Keeping your results (optional)"));
  const { row, input } = checkboxRow(`sc-history-optin--${id}`, TEXT.optin);
  input.dataset.historyOptin = "";
  const explain = el("p", "sc-hint", TEXT.explain);
  const message = el("p", "sc-history-message");
  message.dataset.historyMessage = "";
  message.setAttribute("role", "status");
  const trend = el("div", "sc-trend");
  trend.dataset.historyTrend = "";
  const remove = el("button", "md-button sc-history-delete", TEXT.remove);
  remove.type = "button";
  remove.dataset.historyDelete = "";
  box.append(row, explain, message, trend, remove);
  root.append(box);

  let entries = [];
  const render = () => {
    trend.replaceChildren();
    remove.hidden = !input.checked && entries.length === 0;
    if (!input.checked) return;
    if (!entries.length) {
      trend.append(el("p", "sc-trend-empty", TEXT.empty));
      return;
    }
    trend.append(el("h4", "sc-trend-title", TEXT.trendTitle), chart(entries, series, kind), legend(series),
      table(entries, series));
  };

  if (!storage.available) {
    input.disabled = true;
    message.textContent = TEXT.unavailable;
  } else {
    const { value, reset } = storage.load();
    if (reset) message.textContent = TEXT.reset;
    else if (value) {
      entries = value.entries;
      input.checked = true;
    }
  }
  render();

  input.addEventListener("change", () => {
    if (input.checked) {
      entries = [];
      storage.save({ entries });
      message.textContent = TEXT.on;
    } else {
      entries = [];
      storage.clear();
      message.textContent = TEXT.off;
    }
    render();
  });
  remove.addEventListener("click", () => {
    entries = [];
    storage.clear();
    input.checked = false;
    message.textContent = TEXT.deleted;
    render();
  });
  root.addEventListener("selfcheck:result", (event) => {
    const response = event.detail;
    if (!response || !response.ok || !input.checked) return;
    entries = [...entries, entryFrom(kind, response.result)].slice(-MAX_ENTRIES);
    message.textContent = storage.save({ entries }) ? TEXT.kept : TEXT.unavailable;
    render();
  });
}

function attachPlan(root) {
  const input = root.querySelector('[data-item="today"] input[type="date"]');
  if (input && !input.value) input.value = today();
  root.querySelector("form").addEventListener("reset", () => {
    setTimeout(() => {
      if (input && !input.value) input.value = today();
    }, 0);
  });
}

export function attach(root, api) {
  const kind = root.dataset.exerciseKind;
  if (kind === "plan") attachPlan(root);
  else if (kind === "cbi" || kind === "reflection") attachHistory(root, api);
}
