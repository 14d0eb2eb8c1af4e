// Refreshers: the reader's opt-in record of knowledge-check results, the Refresh page and the "due" boxes.
//
// Nothing is kept unless the reader ticks "Keep my knowledge-check results on this device". With
// opt-in, one record ("selfcheck:refresh") holds, per knowledge check, what selfcheck returned to
// keep: the date first passed, the best score, the box of the refresher schedule and the date it was
// set; never an answer. This module decides nothing: what is due, and how a result moves the
// schedule, come from selfcheck (ops refresh-status, refresh-update, refresh-start). On the home,
// onboarding and Refresh pages the runtime starts only when the reader has opted in and has results.

import { appendText, offerUndo, textEl } from "./dom.js";
import { messages } from "./messages.js";
import { progress } from "./progress.js";
import { checkboxRow, element as el, MESSAGES } from "./selfcheck.js";
import { isObject, record } from "./storage.js";

export const TEXT = messages("refresh"); // [web.refresh] of the edition's ui.toml

/** The opt-in record: {v, banks: {id: entry}}. Present only while the reader has opted in. */
export const store = record("selfcheck:refresh", (data) => isObject(data.banks));

/** Today's date on this device, YYYY-MM-DD (local time). */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function dataOf(root) {
  return JSON.parse(root.querySelector("script[data-refresh-data]").textContent);
}

/** The stored banks when the reader has opted in ({} when opted in with nothing yet), else null. */
export function storedBanks() {
  const { value, reset } = store.load();
  return { banks: value ? value.banks : null, reset };
}

/** Store the record selfcheck returned, as it is. */
export function keep(recordFromPython) {
  return store.save({ banks: recordFromPython.banks });
}

/** The opt-in control: a checkbox, what it keeps, a status line and a one-click delete. */
export function optInPanel(name, onChange) {
  const box = el("section", "sc-refresh-optin sc-screen-only");
  box.dataset.refreshOptin = name;
  box.append(el("p", "sc-refresh-optin-title", TEXT.title));
  const { row, input } = checkboxRow(`sc-refresh-optin--${name}`, TEXT.optin);
  input.dataset.refreshOptinBox = "";
  const explain = el("p", "sc-hint", TEXT.explain);
  const message = el("p", "sc-refresh-message");
  message.dataset.refreshMessage = "";
  message.setAttribute("role", "status");
  const remove = el("button", "md-button sc-refresh-delete", TEXT.remove);
  remove.type = "button";
  remove.dataset.refreshDelete = "";
  box.append(row, explain, message, remove);

  const sync = () => {
    remove.hidden = !input.checked;
  };
  if (!store.available) {
    input.disabled = true;
    message.textContent = TEXT.unavailable;
  } else {
    const { banks, reset } = storedBanks();
    input.checked = banks !== null;
    if (reset) message.textContent = TEXT.reset;
  }
  sync();
  /** Delete at once (one click) and offer to put the record back. */
  const forget = (why, change) => {
    const before = storedBanks().banks;
    store.clear();
    input.checked = false;
    message.textContent = why;
    sync();
    onChange(change);
    if (before === null) return;
    offerUndo(remove, {
      message: "", undoLabel: MESSAGES.undo, restored: MESSAGES.restored, trigger: remove,
      undo: () => {
        store.save({ banks: before });
        input.checked = true;
        message.textContent = "";
        sync();
        onChange("restored");
      },
    });
  };
  input.addEventListener("change", () => {
    if (input.checked) {
      store.save({ banks: {} });
      message.textContent = TEXT.on;
      sync();
      onChange("on");
    } else {
      forget(TEXT.off, "off");
    }
  });
  remove.addEventListener("click", () => forget(TEXT.deleted, "deleted"));
  return {
    element: box,
    say(text) {
      message.replaceChildren();
      appendText(message, text); // a due date in the reader's format
    },
  };
}

function link(text, href, className) {
  const node = el("a", className, text);
  node.href = href;
  return node;
}

/** Ask selfcheck what is due; clears an unreadable record (selfcheck says so with "reset"). */
async function askStatus(api, data, banks) {
  const response = await api.call({
    op: "refresh-status", schedule: data.schedule, record: { banks }, banks: data.banks, today: today(),
  });
  if (response.ok && response.result.reset) store.clear();
  return response;
}

function renderLists(container, api, result) {
  if (result.due.length) {
    container.append(el("p", "sc-refresh-subtitle", TEXT.dueTitle));
    const list = el("ul", "sc-refresh-due-list");
    list.dataset.refreshDueList = "";
    for (const entry of result.due) {
      const item = el("li");
      item.dataset.refreshBank = entry.id;
      item.append(textEl("span", null, entry.line + " "),
        link(result.start, api.siteUrl(entry.href), "md-button md-button--primary sc-refresh-start"));
      list.append(item);
    }
    container.append(list);
  }
  if (result.upcoming.length) {
    container.append(el("p", "sc-refresh-subtitle", TEXT.upcomingTitle));
    const list = el("ul", "sc-refresh-upcoming");
    list.dataset.refreshUpcomingList = "";
    for (const entry of result.upcoming) {
      const item = textEl("li", null, entry.line);
      item.dataset.refreshBank = entry.id;
      list.append(item);
    }
    container.append(list);
  }
}

/** The Refresh page: the opt-in, and (when opted in) what is due and what comes next. */
function startPage(root, api) {
  const data = dataOf(root);
  const status = el("div", "sc-refresh-status");
  status.dataset.refreshStatus = "";
  status.setAttribute("aria-live", "polite");
  const summary = el("p", "sc-summary");
  summary.dataset.refreshSummary = "";

  const render = async () => {
    status.replaceChildren();
    const { banks } = storedBanks();
    if (banks === null) return;
    if (!Object.keys(banks).length) {
      status.append(el("p", "sc-summary", TEXT.empty));
      return;
    }
    summary.textContent = TEXT.loading;
    status.append(summary);
    const response = await askStatus(api, data, banks);
    if (!response.ok) {
      summary.textContent = response.error;
      return;
    }
    summary.replaceChildren(textEl("span", null, response.result.summary));
    renderLists(status, api, response.result);
    root.dataset.refreshToday = response.result.today;
  };

  const panel = optInPanel("page", async (change) => {
    if (change !== "on") {
      render();
      return;
    }
    const passed = (progress.load().value || { passed: {} }).passed;
    if (Object.keys(passed).length) {
      // modules already passed in this browser enter the schedule from the day they were passed
      const response = await api.call({ op: "refresh-start", schedule: data.schedule, record: { banks: {} }, passed });
      if (response.ok) keep(response.result.record);
    }
    render();
  });
  root.append(panel.element, status);
  render();
}

/** The home and onboarding pages: a short "due" box, only for readers who opted in and have results. */
async function startDue(root, api) {
  const { banks } = storedBanks();
  if (!banks || !Object.keys(banks).length) return; // nothing extra, and no runtime started
  const data = dataOf(root);
  const response = await askStatus(api, data, banks);
  if (!response.ok || response.result.reset) return;
  const box = el("div", "sc-refresh-box");
  box.append(el("p", "sc-refresh-title", TEXT.boxTitle));
  const summary = textEl("p", "sc-summary", response.result.summary);
  summary.dataset.refreshSummary = "";
  box.append(summary);
  renderLists(box, api, { ...response.result, upcoming: [] });
  const more = el("p");
  more.append(link(TEXT.allRefreshers, api.siteUrl(data.page)));
  box.append(more);
  root.append(box);
  root.hidden = false;
  root.dataset.refreshToday = response.result.today;
}

export function start(api) {
  for (const root of document.querySelectorAll("[data-refresh]")) {
    if (root.dataset.refresh === "page") startPage(root, api);
    else startDue(root, api);
  }
}
