// The onboarding record page: collects what this device keeps, asks selfcheck for the record and
// shows it, prints it, and exports or imports the kept results as a file.
//
// It decides nothing: the record, the export file, whether an imported file can be read, and what
// merging or replacing would change all come from selfcheck (ops record-view, record-export,
// record-import); this module only reads the stored records as they are, stores what selfcheck
// returns once the reader has confirmed, and shows the replies. The name and organisation typed
// for printing are never stored or sent. The runtime starts only when something is kept, or when
// the reader exports or imports. Every word shown comes from selfcheck (embedded by the build, or
// in its replies); the ISO dates in it are shown in the reader's format (dom.js).

import { el, textEl, today } from "./dom.js";
import { EDITION_ROOT } from "./messages.js";
import { PREFIX as OBSERVATION_PREFIX } from "./observation.js";
import { progress } from "./progress.js";
import { store as refreshStore } from "./refresh.js";
import { isObject, keysWith, rawValue, record } from "./storage.js";

// Python refuses files of more than a million characters; this only avoids reading a huge file at all.
const MAX_BYTES = 4_000_000;

/** Every record the onboarding record reads, as the stored text (null when absent). */
function collect() {
  const observations = {};
  for (const key of keysWith(OBSERVATION_PREFIX)) observations[key.slice(OBSERVATION_PREFIX.length)] = rawValue(key);
  return { progress: rawValue(progress.key), refresh: rawValue(refreshStore.key), observations };
}

function parsed(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** True when a record holds a result (a pass, a kept score, an outcome): only then is the runtime started. */
function somethingKept(kept) {
  const filled = (value, field) => value && isObject(value[field]) && Object.keys(value[field]).length > 0;
  if (filled(parsed(kept.progress), "passed") || filled(parsed(kept.refresh), "banks")) return true;
  return Object.values(kept.observations).some((text) => {
    const value = parsed(text);
    return value && Array.isArray(value.entries) && value.entries.length > 0;
  });
}

/** Store what selfcheck returned for the action the reader chose; false if the browser refused some of it. */
function apply(stored) {
  let saved = true;
  if (stored.progress) saved = progress.save(stored.progress) && saved;
  else progress.clear();
  if (stored.refresh) saved = refreshStore.save({ banks: stored.refresh.banks }) && saved;
  else refreshStore.clear();
  for (const key of keysWith(OBSERVATION_PREFIX)) {
    if (!(key.slice(OBSERVATION_PREFIX.length) in stored.observations)) record(key, () => true).clear();
  }
  for (const [id, value] of Object.entries(stored.observations)) {
    saved = record(OBSERVATION_PREFIX + id, () => true).save({ entries: value.entries }) && saved;
  }
  return saved;
}

function table(api, result) {
  const grid = el("table", "sc-record-grid");
  const head = el("tr");
  for (const title of result.columns) {
    const cell = el("th", null, title);
    cell.scope = "col";
    head.append(cell);
  }
  const thead = el("thead");
  thead.append(head);
  const body = el("tbody");
  for (const row of result.rows) {
    const line = el("tr");
    line.dataset.recordRow = String(row.step);
    if (row.check) line.dataset.check = row.check;
    const [step, title, ...rest] = row.cells;
    const stepCell = el("td", null, step);
    const titleCell = el("th");
    titleCell.scope = "row";
    const link = el("a", null, title);
    link.href = api.siteUrl(row.href);
    titleCell.append(link);
    // dates in the reader's format, short enough for the one-page print
    line.append(stepCell, titleCell, ...rest.map((text) => textEl("td", null, text, "medium")));
    line.append(practiceCell(row.practice, "td"));
    body.append(line);
  }
  grid.append(thead, body);
  return grid;
}

function practiceCell(practice, tag) {
  const cell = el(tag, "sc-record-practice");
  if (!practice.length) return cell;
  const list = el("ul");
  for (const entry of practice) {
    const item = textEl("li", null, entry.line, "medium");
    if (entry.outcome) item.dataset.outcome = entry.outcome;
    list.append(item);
  }
  cell.append(list);
  return cell;
}

/** Ask the reader which action to take: resolves with the action, or null when they cancel. */
function choose(dialog, plan) {
  dialog.replaceChildren();
  const title = el("h2", "sc-record-dialog-title", plan.title);
  title.id = "sc-record-dialog-title";
  dialog.setAttribute("aria-labelledby", title.id);
  dialog.append(title, ...plan.summary.map((line) => textEl("p", null, line)));
  const buttons = [];
  for (const [number, action] of plan.actions.entries()) {
    const box = el("section", "sc-record-choice");
    box.dataset.recordAction = action.id;
    const heading = el("h3", null, action.label);
    heading.id = `sc-record-action-${action.id}`;
    box.setAttribute("aria-labelledby", heading.id);
    const list = el("ul");
    for (const change of action.changes) list.append(textEl("li", null, change));
    const button = el("button", number === 0 ? "md-button md-button--primary" : "md-button", action.label);
    button.type = "button";
    button.dataset.recordChoice = action.id;
    buttons.push([button, action]);
    box.append(heading, el("p", null, action.explain), list, button);
    dialog.append(box);
  }
  dialog.append(el("p", "sc-hint", plan.note));
  const cancel = el("button", "md-button", plan.cancel);
  cancel.type = "button";
  cancel.dataset.recordChoice = "cancel";
  dialog.append(cancel);
  return new Promise((resolve) => {
    const finish = (action) => {
      dialog.removeEventListener("close", onClose);
      if (dialog.open) dialog.close();
      resolve(action);
    };
    const onClose = () => finish(null); // Escape, or the dialog closed some other way
    dialog.addEventListener("close", onClose);
    for (const [button, action] of buttons) button.addEventListener("click", () => finish(action));
    cancel.addEventListener("click", () => finish(null));
    dialog.showModal();
    cancel.focus(); // the safe choice has the focus first
  });
}

export function start(api) {
  const root = document.querySelector("[data-record]");
  if (!root) return;
  const data = JSON.parse(root.querySelector("script[data-record-data]").textContent);
  for (const link of root.querySelectorAll("a[data-edition-path]")) { // pages of this edition, from its root
    link.href = new URL(link.dataset.editionPath, EDITION_ROOT).href;
  }
  const part = (name) => root.querySelector(`[data-record-${name}]`);
  const message = part("message");
  const moveMessage = part("move-message");
  const fileInput = part("file");

  const show = async () => {
    const kept = collect();
    if (!somethingKept(kept)) {
      root.dataset.recordStatus = "empty";
      message.textContent = "";
      part("empty").hidden = false;
      part("sheet").hidden = true;
      part("actions").hidden = true;
      return;
    }
    root.dataset.recordStatus = "loading";
    message.textContent = data.text.loading;
    const response = await api.call({ op: "record-view", path: data, kept, today: today() });
    if (!response.ok) {
      root.dataset.recordStatus = "error";
      message.textContent = response.error;
      return;
    }
    const result = response.result;
    message.textContent = "";
    part("empty").hidden = true;
    part("summary").replaceChildren(textEl("span", null, result.summary));
    part("as-of").replaceChildren(textEl("span", null, result.as_of));
    part("table").replaceChildren(table(api, result));
    const notes = part("notes");
    notes.replaceChildren();
    const other = result.other.filter((entry) => entry.outcome);
    if (other.length) notes.append(el("p", "sc-record-other", result.other_title), practiceCell(other, "div"));
    for (const note of result.notes) notes.append(textEl("p", "sc-note", note));
    part("sheet").hidden = false;
    part("actions").hidden = false;
    root.dataset.recordStatus = "shown";
  };

  part("print").addEventListener("click", () => window.print());

  part("export").addEventListener("click", async () => {
    const response = await api.call({ op: "record-export", path: data, kept: collect(), today: today() });
    if (!response.ok) {
      moveMessage.textContent = response.error;
      return;
    }
    const { file, filename } = response.result;
    if (file) {
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" }));
      const link = el("a");
      link.href = url;
      link.download = filename;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }
    moveMessage.textContent = response.result.message;
  });

  part("import-button").addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = ""; // choosing the same file again is a new import
    if (!file) return;
    if (file.size > MAX_BYTES) {
      moveMessage.textContent = `${data.text.too_big} ${data.text.unchanged}`;
      return;
    }
    moveMessage.textContent = data.text.reading;
    const response = await api.call({ op: "record-import", path: data, kept: collect(), file: await file.text() });
    if (!response.ok) {
      moveMessage.textContent = response.error;
      return;
    }
    const plan = response.result;
    if (!plan.actions.length) {
      moveMessage.textContent = plan.message;
      return;
    }
    const action = await choose(part("dialog"), plan);
    if (!action) {
      moveMessage.textContent = plan.cancelled;
      return;
    }
    moveMessage.textContent = apply(action.store) ? plan.done : data.text.storage_failed;
    await show();
  });

  show();
}
