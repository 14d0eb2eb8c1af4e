// Scenario quiz (kind "distinction-quiz"): shows a random set of cases drawn by Python,
// offers a new set, and keeps the best score Python reports in this browser only.
// It computes no score, count or verdict: it shows what selfcheck returns.

const BEST_KEY = "selfcheck:distinction:best";

function readBest() {
  let stored;
  try {
    stored = window.localStorage.getItem(BEST_KEY);
  } catch (error) {
    return { best: null, note: "" };
  }
  if (stored === null) return { best: null, note: "" };
  try {
    const value = JSON.parse(stored);
    if (value && value.v === 1 && typeof value.best === "number") return { best: value.best, note: "" };
  } catch (error) {
    // fall through: discard below
  }
  try {
    window.localStorage.removeItem(BEST_KEY);
  } catch (error) {
    // storage unavailable: nothing to discard
  }
  return { best: null, note: "A saved best score could not be read and was discarded." };
}

function writeBest(best) {
  try {
    window.localStorage.setItem(BEST_KEY, JSON.stringify({ v: 1, best }));
  } catch (error) {
    // storage full or disabled: the score is simply not remembered
  }
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
  retry.textContent = "New set of cases";
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
