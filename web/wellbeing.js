// Wellbeing self-checks: opt-in history on this device, what the reader writes about themselves kept
// on this device with a second, separate opt-in, and today's date for the prevention plan.
//
// Nothing is stored unless the reader ticks a "Keep" box. "Keep my results" keeps, after each result,
// only what Python returned: the date and the scale scores (CBI) or the sign counts per group
// (reflection checklists), never an answer. "Keep my plan" (prevention plan) and "Keep what I tick"
// (reflection checklists) keep the form itself as the reader fills it in, and put it back on return;
// both are deleted with one click (with "Undo"). Leaving the plan with typed text that is not kept
// asks first. This module computes no score, count, band or verdict.

import { el, formatDate, textEl, today } from "./dom.js";
import { format, formatNumber, messages } from "./messages.js";
import { optInPanel } from "./optin.js";
import { isObject } from "./storage.js";

const PREFIX = "selfcheck:wellbeing:";
const DRAFT_PREFIX = "selfcheck:draft:";
const MAX_ENTRIES = 60;
const SVG_NS = "http://www.w3.org/2000/svg";
// Line colours (presentation only), distinguishable in greyscale print too by the marker shapes' order.
const COLOURS = ["#1f5f99", "#b5530b", "#2e7d32", "#6a1b9a"];

// Every word shown: [web.wellbeing] of the edition's ui.toml ([web.wellbeing.plan], [web.wellbeing.ticks]).
const TEXT = messages("wellbeing");

function isEntry(entry) {
  if (!isObject(entry)) return false;
  if (typeof entry.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(entry.date)) return false;
  if (!isObject(entry.values)) return false;
  const okNumber = (v) => v === null || (typeof v === "number" && Number.isFinite(v));
  if (!Object.values(entry.values).every(okNumber)) return false;
  if (entry.max !== undefined && (typeof entry.max !== "number" || !Number.isFinite(entry.max))) return false;
  return true;
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
  svg.setAttribute("aria-label", TEXT.chartLabel);
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
      formatNumber(Math.round(tick * 10) / 10));
  }
  add("text", { x: x(0), y: height - 6, "text-anchor": "start", "font-size": 10, fill: "currentColor",
    class: "sc-trend-axis" }, formatDate(entries[0].date));
  if (entries.length > 1) {
    add("text", { x: x(entries.length - 1), y: height - 6, "text-anchor": "end", "font-size": 10,
      fill: "currentColor", class: "sc-trend-axis" },
      formatDate(entries[entries.length - 1].date));
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
  node.append(el("caption", null, TEXT.tableCaption));
  const head = el("tr");
  head.append(Object.assign(el("th", null, TEXT.date), { scope: "col" }));
  for (const s of series) head.append(Object.assign(el("th", null, s.title), { scope: "col" }));
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  for (const entry of entries) {
    const row = el("tr");
    row.append(Object.assign(textEl("th", null, entry.date), { scope: "row" }));
    for (const s of series) {
      const value = entry.values[s.id];
      row.append(el("td", null, typeof value === "number" ? formatNumber(Math.round(value * 10) / 10) : TEXT.noScore));
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
  const series = seriesOf(api.definitionOf(root));
  const panel = optInPanel({
    id,
    key: PREFIX + id,
    isEntry,
    max: MAX_ENTRIES,
    prefix: "history",
    area: ["trend", "sc-trend"],
    text: TEXT,
    draw(area, entries) {
      if (!entries.length) {
        area.append(el("p", "sc-trend-empty", TEXT.empty));
        return;
      }
      area.append(el("h4", "sc-trend-title", TEXT.trendTitle), chart(entries, series, kind), legend(series),
        table(entries, series));
    },
  });
  root.append(panel.box);
  root.addEventListener("selfcheck:result", (event) => {
    const response = event.detail;
    if (response && response.ok) panel.keep(entryFrom(kind, response.result));
  });
}

function isDraft(entry) {
  if (!isObject(entry) || typeof entry.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(entry.date)) return false;
  if (!isObject(entry.answers)) return false;
  const okValue = (v) => typeof v === "string" || typeof v === "boolean" ||
    (Array.isArray(v) && v.every((x) => typeof x === "string"));
  return Object.values(entry.answers).every(okValue);
}

/**
 * Keep the form as the reader fills it in, with their opt-in, and put it back on return. ``skip`` lists
 * items never kept (the plan's "today", filled in fresh each time). Returns the opt-in panel.
 */
function attachDraft(root, api, text, skip) {
  const id = root.dataset.exercise;
  const form = root.querySelector("form");
  const panel = optInPanel({
    id,
    key: DRAFT_PREFIX + id,
    isEntry: isDraft,
    max: 1,
    prefix: "draft",
    area: ["saved", "sc-draft-saved"],
    text,
    draw(area, entries) {
      if (entries.length) area.append(textEl("p", "sc-hint", format(text.savedOn, { date: entries[0].date })));
    },
  });
  form.before(panel.box); // decided before writing; outside the form, so "Clear answers" leaves it alone
  const kept = panel.entries();
  if (kept.length) {
    api.fillAnswers(form, kept[0].answers);
    panel.say(text.restored);
  }
  const answers = () => {
    const all = api.collectAnswers(form);
    for (const item of skip) delete all[item];
    return all;
  };
  let timer = null;
  const save = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (panel.keeping()) panel.keep({ date: today(), answers: answers() });
    }, 250);
  };
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("reset", () => setTimeout(save, 0));
  panel.input.addEventListener("change", () => {
    if (panel.input.checked) save();
  });
  return panel;
}

function attachPlan(root, api) {
  const input = root.querySelector('[data-item="today"] input[type="date"]');
  if (input && !input.value) input.value = today();
  const form = root.querySelector("form");
  form.addEventListener("reset", () => {
    setTimeout(() => {
      if (input && !input.value) input.value = today();
    }, 0);
  });
  const panel = attachDraft(root, api, TEXT.plan, ["today"]);
  // Leaving with typed text that is not kept on this device asks first (the browser's own question).
  window.addEventListener("beforeunload", (event) => {
    if (panel.keeping()) return;
    if (Array.from(form.querySelectorAll("textarea")).some((box) => box.value.trim())) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

export function attach(root, api) {
  const kind = root.dataset.exerciseKind;
  if (kind === "plan") attachPlan(root, api);
  else if (kind === "cbi") attachHistory(root, api);
  else if (kind === "reflection") {
    attachDraft(root, api, TEXT.ticks, []);
    attachHistory(root, api);
  }
}
