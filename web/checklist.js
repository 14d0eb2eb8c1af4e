// Checklists: keep the reader's ticks on this device, and only the ticks.
// Ticks are stored in localStorage under "selfcheck:checklist:<exercise id>" as
// {"v": 1, "ticks": {"<item id>": true}}. Text, date, number and choice fields
// (case references, notes, dates) are NEVER stored. Progress, completeness and
// deadlines are computed by selfcheck (Python); this module counts nothing.

import { offerUndo, restoreControls, saveControls } from "./dom.js";
import { messages } from "./messages.js";
import { MESSAGES } from "./selfcheck.js";
import { isObject, record } from "./storage.js";

const TEXT = messages("checklist"); // [web.checklist] of the edition's ui.toml

const PREFIX = "selfcheck:checklist:";

function tickInputs(form) {
  return Array.from(form.querySelectorAll('[data-type="check"] input[type="checkbox"]'));
}

function itemOf(input) {
  return input.closest("[data-item]").dataset.item;
}

export function attach(root, api) {
  const form = root.querySelector("form");
  const store = record(PREFIX + root.dataset.exercise, (data) => isObject(data.ticks));
  const notice = document.createElement("p");
  notice.className = "sc-storage-note";
  notice.setAttribute("role", "status");
  notice.dataset.checklistNotice = "";
  const actions = form.querySelector(".sc-actions");
  actions.after(notice);

  const clear = document.createElement("button");
  clear.type = "button";
  clear.className = "md-button sc-clear";
  clear.textContent = TEXT.clear;
  clear.dataset.checklistClear = "";
  actions.append(clear);

  function save() {
    if (!store.available) return;
    const ticks = {};
    for (const input of tickInputs(form)) if (input.checked) ticks[itemOf(input)] = true;
    if (!Object.keys(ticks).length) store.clear();
    else if (!store.save({ ticks })) {
      notice.textContent = TEXT.full;
    }
  }

  function restore() {
    if (!store.available) {
      notice.textContent = TEXT.blocked;
      return;
    }
    const { value: saved, reset } = store.load();
    if (reset) {
      notice.textContent = TEXT.unreadable;
      return;
    }
    if (!saved) return;
    for (const input of tickInputs(form)) input.checked = saved.ticks[itemOf(input)] === true;
    notice.textContent = TEXT.restored;
  }

  restore();
  form.addEventListener("change", (event) => {
    if (event.target.matches('[data-type="check"] input[type="checkbox"]')) save();
  });
  form.addEventListener("reset", () => {
    // the browser resets the inputs after this event: save the emptied state next tick
    setTimeout(save, 0);
  });
  clear.addEventListener("click", () => {
    const ticks = tickInputs(form);
    const before = saveControls(ticks);
    for (const input of ticks) input.checked = false;
    store.clear();
    const region = root.querySelector("[data-exercise-result]");
    region.replaceChildren();
    delete region.dataset.outcome;
    notice.textContent = TEXT.cleared;
    if (before.some((saved) => saved.checked)) {
      offerUndo(notice, {
        message: "", undoLabel: MESSAGES.undo, restored: MESSAGES.restored, trigger: clear,
        undo: () => restoreControls(before), // each tick put back is saved again (its change event)
      });
    }
  });
}
