// Observation rubrics: links to the module sections to revisit, and the opt-in record of outcomes.
//
// Nothing is stored unless the reader ticks "Keep the outcome on this device". With opt-in,
// after each result only the outcome Python decided (result.record.outcome) and the date are
// kept, under "selfcheck:observation:<rubric id>" as {"v": 1, "entries": [{"date", "outcome"}]}.
// The levels chosen and the notes box are never stored. This module decides nothing: the
// outcome, its wording, whether it may be kept and the sections to revisit all come from
// selfcheck, and the kept outcomes are labelled by selfcheck too ("observation-outcomes").

import { isObject, record } from "./storage.js";

const PREFIX = "selfcheck:observation:";
const MAX_ENTRIES = 50;
// This file is served from <site>/assets/selfcheck/: module links are relative to the site's root.
const SITE_ROOT = new URL("../../", import.meta.url);

const TEXT = {
  title: "Keeping the outcome (optional)",
  optin: "Keep the outcome on this device",
  explain:
    "Off unless you tick it. If you do, each time you show the outcome, the outcome (ready or not yet) and " +
    "the date are kept in this browser, on this device only. The levels you chose and your notes are never " +
    "kept, and nothing is sent anywhere.",
  remove: "Delete the kept outcomes",
  kept: "The outcome and today's date were kept on this device.",
  notKept: "Nothing was kept: there is no outcome until every criterion is rated.",
  on: "From now on, the outcome of this rubric will be kept on this device.",
  off: "Keeping outcomes is off. Outcomes kept on this device for this rubric were deleted.",
  deleted: "The kept outcomes of this rubric were deleted from this device.",
  reset: "Kept outcomes on this device could not be read (damaged or from an older version), so they were cleared.",
  unavailable: "This browser does not allow storage here, so outcomes cannot be kept. Everything else works.",
  full: "The outcome could not be kept on this device (storage is full or blocked).",
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function isEntry(entry) {
  return isObject(entry) && typeof entry.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(entry.date) &&
    typeof entry.outcome === "string";
}

/** The sections to revisit, as links, inside the result Python returned (before its notes). */
function showRevisit(region, result) {
  if (!Array.isArray(result.revisit) || !result.revisit.length) return;
  const box = el("div", "sc-revisit");
  box.dataset.observationRevisit = "";
  box.append(el("p", "sc-revisit-title", result.revisit_title));
  const list = el("ul");
  for (const target of result.revisit) {
    const link = el("a", null, target.title);
    link.href = new URL(target.href, SITE_ROOT).href;
    const item = el("li");
    item.append(link);
    list.append(item);
  }
  box.append(list);
  region.insertBefore(box, region.querySelector(":scope > .sc-note"));
}

export function attach(root, api) {
  const id = root.dataset.exercise;
  const form = root.querySelector("form");
  const region = root.querySelector("[data-exercise-result]");
  const storage = record(PREFIX + id, (data) => Array.isArray(data.entries) && data.entries.every(isEntry));

  // Outside the form, so that "Clear answers" (a form reset) leaves the reader's choice alone.
  const box = el("section", "sc-history sc-observation-keep");
  box.dataset.observationKeep = id;
  box.append(el("h3", "sc-history-title", TEXT.title));
  const row = el("div", "sc-history-optin");
  const input = el("input");
  input.type = "checkbox";
  input.id = `sc-observation-optin--${id}`;
  input.dataset.observationOptin = "";
  const label = el("label", null, TEXT.optin);
  label.htmlFor = input.id;
  row.append(input, label);
  const message = el("p", "sc-history-message");
  message.dataset.observationMessage = "";
  message.setAttribute("role", "status");
  const kept = el("div", "sc-observation-kept");
  kept.dataset.observationKept = "";
  const remove = el("button", "md-button sc-history-delete", TEXT.remove);
  remove.type = "button";
  remove.dataset.observationDelete = "";
  box.append(row, el("p", "sc-hint", TEXT.explain), message, kept, remove);
  form.after(box);

  let entries = [];
  let shown = 0; // only the latest listing request may draw

  async function showKept() {
    const request = ++shown;
    kept.replaceChildren();
    remove.hidden = !input.checked && entries.length === 0;
    if (!input.checked) return;
    await api.whenReady();
    const response = await api.call({ op: "observation-outcomes", entries });
    if (request !== shown) return;
    if (!response.ok) { // stored data Python cannot read: treat it as unreadable storage
      entries = [];
      storage.clear();
      input.checked = false;
      message.textContent = TEXT.reset;
      remove.hidden = true;
      return;
    }
    kept.append(el("p", "sc-observation-kept-summary", response.result.summary));
    if (response.result.rows.length) {
      const list = el("ul", "sc-observation-kept-list");
      for (const entry of response.result.rows) {
        const item = el("li", null, `${entry.date}: ${entry.label}`);
        item.dataset.outcome = entry.outcome;
        list.append(item);
      }
      kept.append(list);
    }
  }

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
  showKept();

  input.addEventListener("change", () => {
    entries = [];
    if (input.checked) {
      message.textContent = storage.save({ entries }) ? TEXT.on : TEXT.full;
    } else {
      storage.clear();
      message.textContent = TEXT.off;
    }
    showKept();
  });
  remove.addEventListener("click", () => {
    entries = [];
    storage.clear();
    input.checked = false;
    message.textContent = TEXT.deleted;
    showKept();
  });
  root.addEventListener("selfcheck:result", (event) => {
    const response = event.detail;
    if (!response || !response.ok) return;
    showRevisit(region, response.result);
    if (!input.checked) return;
    if (!response.result.record) {
      message.textContent = TEXT.notKept;
      return;
    }
    entries = [...entries, { date: today(), outcome: response.result.record.outcome }].slice(-MAX_ENTRIES);
    message.textContent = storage.save({ entries }) ? TEXT.kept : TEXT.full;
    showKept();
  });
}
