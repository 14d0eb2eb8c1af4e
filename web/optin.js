// The opt-in panel shared by the kinds that may keep results on this device (wellbeing trends,
// observation outcomes): a "keep" checkbox that is off until the reader ticks it, a status line,
// an area where the caller draws what is kept, and a button that deletes it all.
// What an entry holds is the caller's choice; this module only keeps the list, in one versioned
// record {"v": 1, "entries": [...]}, and never anything the reader typed.

import { el, offerUndo } from "./dom.js";
import { MESSAGES } from "./selfcheck.js";
import { record } from "./storage.js";

/**
 * options:
 *   id        the exercise id (names the checkbox)
 *   key       the localStorage key
 *   isEntry   checks one stored entry (a record failing it is discarded and reported)
 *   max       how many entries to keep (the oldest go first)
 *   prefix    the data-* name of the panel's parts: data-PREFIX (the box), -optin, -message, -delete, -AREA
 *   area      [data name, class] of the area drawn by `draw`, e.g. ["trend", "sc-trend"]
 *   text      {title, optin, explain, remove, on, off, deleted, reset, unavailable, kept, full?}
 *   draw      draw(area, entries): called with the kept entries whenever they change, while keeping is on
 * Returns {box, input, keeping(), entries(), keep(entry), say(text), discard(text)}; the caller places `box`.
 * Deleting (the button, or unticking the box) takes one click and offers "Undo".
 */
export function optInPanel({ id, key, isEntry, max, prefix, area: [areaName, areaClass], text, draw }) {
  const storage = record(key, (data) => Array.isArray(data.entries) && data.entries.every(isEntry));
  const data = (name) => prefix + name.charAt(0).toUpperCase() + name.slice(1);

  const box = el("section", "sc-history");
  box.dataset[prefix] = id;
  box.append(el("h3", "sc-history-title", text.title));
  const row = el("div", "sc-history-optin");
  const input = el("input");
  input.type = "checkbox";
  input.id = `sc-${prefix}-optin--${id}`;
  input.dataset[data("optin")] = "";
  const label = el("label", null, text.optin);
  label.htmlFor = input.id;
  row.append(input, label);
  const message = el("p", "sc-history-message");
  message.dataset[data("message")] = "";
  message.setAttribute("role", "status");
  const shown = el("div", areaClass);
  shown.dataset[data(areaName)] = "";
  const remove = el("button", "md-button sc-history-delete", text.remove);
  remove.type = "button";
  remove.dataset[data("delete")] = "";
  box.append(row, el("p", "sc-hint", text.explain), message, shown, remove);

  let entries = [];
  const full = () => ("full" in text ? text.full : text.unavailable); // "full" is optional
  const refresh = () => {
    shown.replaceChildren();
    remove.hidden = !input.checked && entries.length === 0;
    if (input.checked) draw(shown, entries);
  };
  const forget = (why) => {
    entries = [];
    storage.clear();
    input.checked = false;
    message.textContent = why;
    refresh();
  };

  if (!storage.available) {
    input.disabled = true;
    message.textContent = text.unavailable;
  } else {
    const { value, reset } = storage.load();
    if (reset) message.textContent = text.reset;
    else if (value) {
      entries = value.entries;
      input.checked = true;
    }
  }
  refresh();

  /** Delete at once, and offer to put everything back (entries and the opt-in). */
  const forgetWithUndo = (why) => {
    const before = entries;
    const wasOn = input.checked || before.length > 0;
    forget(why);
    if (!wasOn) return;
    offerUndo(remove, {
      message: "", undoLabel: MESSAGES.undo, restored: MESSAGES.restored, trigger: remove,
      undo: () => {
        entries = before;
        input.checked = true;
        storage.save({ entries });
        message.textContent = "";
        refresh();
      },
    });
  };

  input.addEventListener("change", () => {
    if (!input.checked) {
      forgetWithUndo(text.off);
      return;
    }
    entries = [];
    message.textContent = storage.save({ entries }) ? text.on : full();
    refresh();
  });
  remove.addEventListener("click", () => forgetWithUndo(text.deleted));

  return {
    box,
    input,
    keeping: () => input.checked,
    entries: () => entries,
    /** Add one entry, if the reader opted in; true when it was kept. */
    keep(entry) {
      if (!input.checked) return false;
      entries = [...entries, entry].slice(-max);
      const saved = storage.save({ entries });
      message.textContent = saved ? text.kept : full();
      refresh();
      return saved;
    },
    say(line) {
      message.textContent = line;
    },
    /** Delete everything kept and turn keeping off, with a reason (e.g. entries that cannot be read). */
    discard: forget,
  };
}
