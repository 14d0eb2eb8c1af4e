// Observation rubrics: links to the module sections to revisit, and the opt-in record of outcomes.
//
// Nothing is stored unless the reader ticks "Keep the outcome on this device". With opt-in,
// after each result only the outcome Python decided (result.record.outcome) and the date are
// kept, under "selfcheck:observation:<rubric id>" as {"v": 1, "entries": [{"date", "outcome"}]}.
// The levels chosen and the notes box are never stored. This module decides nothing: the
// outcome, its wording, whether it may be kept and the sections to revisit all come from
// selfcheck, and the kept outcomes are labelled by selfcheck too ("observation-outcomes").

import { el, textEl, today } from "./dom.js";
import { EDITION_ROOT, messages } from "./messages.js";
import { optInPanel } from "./optin.js";
import { isObject } from "./storage.js";

/** The key of a rubric's kept outcomes is this prefix and the rubric id (the record page reads them). */
export const PREFIX = "selfcheck:observation:";
const MAX_ENTRIES = 50;

const TEXT = messages("observation"); // [web.observation] of the edition's ui.toml

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
    link.href = new URL(target.href, EDITION_ROOT).href;
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
  let drawn = 0; // only the latest listing may draw

  const panel = optInPanel({
    id,
    key: PREFIX + id,
    isEntry,
    max: MAX_ENTRIES,
    prefix: "observation",
    area: ["kept", "sc-observation-kept"],
    text: TEXT,
    async draw(area, entries) {
      const turn = ++drawn;
      await api.whenReady();
      const response = await api.call({ op: "observation-outcomes", entries });
      if (turn !== drawn || !panel.keeping()) return;
      if (!response.ok) { // kept data Python cannot read is treated like unreadable storage
        panel.discard(TEXT.reset);
        return;
      }
      area.append(el("p", "sc-observation-kept-summary", response.result.summary));
      if (!response.result.rows.length) return;
      const list = el("ul", "sc-observation-kept-list");
      for (const row of response.result.rows) {
        const item = textEl("li", null, `${row.date}: ${row.label}`);
        item.dataset.outcome = row.outcome;
        list.append(item);
      }
      area.append(list);
    },
  });
  form.after(panel.box); // outside the form, so that "Clear answers" (a form reset) leaves the choice alone

  root.addEventListener("selfcheck:result", (event) => {
    const response = event.detail;
    if (!response || !response.ok) return;
    showRevisit(region, response.result);
    if (!panel.keeping()) return;
    const kept = response.result.record;
    if (kept) panel.keep({ date: today(), outcome: kept.outcome });
    else panel.say(TEXT.notKept);
  });
}
