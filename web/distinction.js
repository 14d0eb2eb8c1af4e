// Scenario quiz (kind "distinction-quiz"): shows a random set of cases drawn by Python,
// offers a new set, and keeps the best score Python reports in this browser only.
// It computes no score, count or verdict: it shows what selfcheck returns.

import { messages } from "./messages.js";
import { record } from "./storage.js";

const TEXT = messages("distinction"); // [web.distinction] of the edition's ui.toml

const bestScore = record("selfcheck:distinction:best", (data) => typeof data.best === "number");

/** The best score Python reported earlier, with a note when a stored value had to be discarded. */
function readBest() {
  const { value, reset } = bestScore.load();
  return { best: value ? value.best : null, note: reset ? TEXT.bestUnreadable : "" };
}

function writeBest(best) {
  bestScore.save({ best }); // if storage is full or disabled, the score is simply not remembered
}

function randomSeed() {
  return window.crypto.getRandomValues(new Uint32Array(1))[0];
}

export function attach(root, api) {
  const definition = api.definitionOf(root);
  const form = root.querySelector("form");
  const sections = Array.from(root.querySelectorAll("section[data-section]"));
  const size = Number.isInteger(definition.sample_size) ? definition.sample_size : 10;
  let current = [];

  function show(ids) {
    current = ids.slice();
    for (const section of sections) section.hidden = !ids.includes(section.dataset.section);
    root.dataset.distinctionShown = ids.join(" ");
  }

  // Before the runtime is ready: the first cases of the bank, in order.
  show(sections.slice(0, size).map((section) => section.dataset.section));

  const actions = form.querySelector(".sc-actions");
  const retry = document.createElement("button");
  retry.type = "button";
  retry.className = "md-button";
  retry.dataset.distinctionNew = "";
  retry.textContent = TEXT.newSet;
  actions.append(retry);

  const bestLine = document.createElement("p");
  bestLine.className = "sc-note sc-screen-only";
  bestLine.dataset.distinctionBest = "";
  bestLine.setAttribute("role", "status");
  form.after(bestLine);

  const saved = readBest();
  let best = saved.best;
  if (saved.note) bestLine.textContent = saved.note;

  async function showBest(score) {
    const response = await api.call({ op: "distinction-best", previous: best, score });
    if (!response.ok) return;
    if (score !== null && response.result.best !== null) {
      best = response.result.best;
      writeBest(best);
    }
    bestLine.textContent = (saved.note && score === null ? saved.note + " " : "") + response.result.message;
  }

  async function draw(exclude) {
    const response = await api.call({ op: "sample", definition, seed: randomSeed(), exclude });
    if (!response.ok) {
      api.renderResult(root.querySelector("[data-exercise-result]"), response);
      return false;
    }
    show(response.result.ids);
    return true;
  }

  retry.addEventListener("click", async () => {
    retry.disabled = true;
    form.reset();
    const drawn = await draw(current);
    retry.disabled = false;
    if (drawn) {
      const first = sections.find((section) => !section.hidden);
      const heading = first && first.querySelector(".sc-section-title");
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
    root.dispatchEvent(new CustomEvent("selfcheck:distinction-drawn", { bubbles: true, detail: current }));
  });

  root.addEventListener("selfcheck:result", (event) => {
    const response = event.detail;
    if (response && response.ok && typeof response.result.score === "number") showBest(response.result.score);
  });

  api.whenReady().then(async () => {
    // Keep the cases in view if the reader has already started answering them.
    if (Object.keys(api.collectAnswers(form)).length === 0) await draw([]);
    root.dataset.distinctionReady = "true";
    root.dispatchEvent(new CustomEvent("selfcheck:distinction-drawn", { bubbles: true, detail: current }));
    await showBest(null);
  });
}
