// Onboarding progress, kept only in this browser: modules visited and knowledge checks passed (first pass).
// Loaded on every page (a few hundred bytes of work, no Pyodide). "Passed" is what selfcheck
// returned for a knowledge check; this file never decides it.

import { appendText, offerUndo } from "./dom.js";
import { EDITION_ROOT, format } from "./messages.js";
import { MESSAGES } from "./selfcheck.js";
import { isObject, record } from "./storage.js";

/** The stored progress record (refresh.js reads the passes when a reader opts in to refreshers). */
export const progress = record("selfcheck:progress", (data) => isObject(data.visited) && isObject(data.passed));

function today() {
  return new Date().toISOString().slice(0, 10);
}

/** Stored progress, with a notice when it was unreadable (reset) or cannot be kept at all. */
function load() {
  const { value, reset } = progress.load();
  let notice = "";
  if (!progress.available) notice = MESSAGES.progressBlocked;
  else if (reset) notice = MESSAGES.progressReset;
  return { data: value || { visited: {}, passed: {} }, notice };
}

function save(data) {
  progress.save({ visited: data.visited, passed: data.passed });
}

function pagePath() {
  const here = new URL(window.location.href);
  if (!here.href.startsWith(EDITION_ROOT.href)) return null;
  return here.pathname.slice(EDITION_ROOT.pathname.length).replace(/index\.html$/, "");
}

function recordVisit() {
  const path = pagePath();
  if (!path || !/^modules\/[^/]+\/$/.test(path)) return;
  const { data } = load();
  if (!data.visited[path]) {
    data.visited[path] = today();
    save(data);
  }
}

function recordResults() {
  document.addEventListener("selfcheck:result", (event) => {
    const root = event.target.closest("[data-exercise]");
    const response = event.detail;
    if (!root || root.dataset.exerciseKind !== "quiz" || !response || !response.ok) return;
    if (response.result.passed !== true || response.result.mode === "refresher") return;
    const { data } = load();
    if (data.passed[root.dataset.exercise]) return; // the first pass is the one the onboarding record shows
    data.passed[root.dataset.exercise] = today();
    save(data);
  });
}

function showProgress() {
  const box = document.querySelector("[data-progress]");
  if (!box) return;
  const message = box.querySelector("[data-progress-message]");
  const render = () => {
    const { data, notice } = load();
    for (const cell of box.querySelectorAll("[data-progress-visited]")) {
      const date = data.visited[cell.dataset.progressVisited];
      cell.replaceChildren();
      appendText(cell, date ? format(MESSAGES.progressVisited, { date }) : MESSAGES.progressNotYet);
    }
    for (const cell of box.querySelectorAll("[data-progress-passed]")) {
      const date = data.passed[cell.dataset.progressPassed];
      cell.replaceChildren();
      appendText(cell, date ? format(MESSAGES.progressPassed, { date }) : MESSAGES.progressNotYet);
    }
    if (notice && message) message.textContent = notice;
  };
  render();
  const clear = box.querySelector("[data-progress-clear]");
  if (clear) {
    // one click clears, and "Undo" puts the record back
    clear.addEventListener("click", () => {
      const before = progress.load().value;
      progress.clear();
      render();
      if (message) message.textContent = MESSAGES.progressCleared;
      if (!before) return;
      offerUndo(message || clear, {
        message: "", undoLabel: MESSAGES.undo, restored: MESSAGES.restored, trigger: clear,
        undo: () => {
          save(before);
          render();
          if (message) message.textContent = "";
        },
      });
    });
  }
}

recordVisit();
recordResults();
showProgress();
