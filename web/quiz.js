// Knowledge checks (kind "quiz"): show the attempt Python draws from the bank, keep its seed for the
// attempt, offer a new attempt, and (with the reader's opt-in) keep the result for refreshers.
//
// The page holds the whole bank in published order, readable without Python. Once the runtime is
// ready, selfcheck draws the attempt from a seed: this module shows the drawn items in Python's order,
// with Python's option order, and hides the rest. The seed is kept in sessionStorage for the attempt,
// so a reload shows the same attempt; "New attempt" draws again. It never draws or scores: the score
// request carries the seed and Python re-draws the attempt to score it.
// With "?refresher" in the address the check shows a short refresher instead (see refresh.js).

import { messages } from "./messages.js";
import { keep, optInPanel, storedBanks, today } from "./refresh.js";
import { element as el } from "./selfcheck.js";

const TEXT = messages("quiz"); // [web.quiz] of the edition's ui.toml

const VERSION = 1;

/** sessionStorage for one attempt's seed ({v, seed}); a blocked storage just means no memory across reloads. */
function seedStore(key) {
  let storage = null;
  try {
    storage = window.sessionStorage;
    storage.getItem(key);
  } catch {
    storage = null;
  }
  return {
    load() {
      try {
        const value = JSON.parse(storage ? storage.getItem(key) : "null");
        return value && value.v === VERSION && Number.isSafeInteger(value.seed) && value.seed >= 0 ? value.seed : null;
      } catch {
        return null;
      }
    },
    save(seed) {
      try {
        if (storage) storage.setItem(key, JSON.stringify({ v: VERSION, seed }));
      } catch {
        // full or blocked: the attempt is simply not remembered across reloads
      }
    },
  };
}

function randomSeed() {
  return window.crypto.getRandomValues(new Uint32Array(1))[0];
}

export function attach(root, api) {
  const id = root.dataset.exercise;
  const definition = api.definitionOf(root);
  const scheduleScript = root.querySelector("script[data-refresh-schedule]");
  const schedule = scheduleScript ? JSON.parse(scheduleScript.textContent) : null;
  const refresher = schedule !== null && new URLSearchParams(window.location.search).has("refresher");
  const mode = refresher ? "refresher" : "attempt";
  const seeds = seedStore(`selfcheck:attempt:${id}:${mode}`);
  const form = root.querySelector("form");
  const actions = form.querySelector(".sc-actions");
  const fieldsets = new Map(Array.from(form.querySelectorAll("fieldset[data-item]"), (f) => [f.dataset.item, f]));
  const controls = () => form.querySelectorAll("input, button");
  let seed = seeds.load();
  if (seed === null) {
    seed = randomSeed();
    seeds.save(seed);
  }

  const again = el("button", "md-button", TEXT.newAttempt);
  again.type = "button";
  again.dataset.quizNew = "";
  actions.append(again);

  // Until Python has drawn the attempt, the bank stays readable but cannot be answered.
  const before = el("p", "sc-attempt", TEXT.drawing);
  before.dataset.quizBefore = "";
  before.tabIndex = -1;
  before.setAttribute("role", "status");
  (form.querySelector("[data-exercise-rules]") || form.firstChild).after(before);
  for (const control of controls()) control.disabled = true;
  new MutationObserver(() => {
    if (root.dataset.exerciseStatus !== "error") return;
    for (const control of controls()) control.disabled = false; // the bank stays usable on screen and paper
    again.hidden = true;
  }).observe(root, { attributes: true, attributeFilter: ["data-exercise-status"] });

  api.extendRequest(root, () => (refresher ? { seed, refresher: schedule } : { seed }));

  function show(attempt) {
    for (const fieldset of fieldsets.values()) fieldset.hidden = true;
    for (const item of attempt.items) {
      const fieldset = fieldsets.get(item.id);
      if (!fieldset) continue;
      fieldset.hidden = false;
      form.insertBefore(fieldset, actions);
      const number = fieldset.querySelector(".sc-number");
      if (number) number.textContent = item.number + ".";
      const options = fieldset.querySelector(".sc-options");
      for (const option of item.options) {
        const input = Array.from(fieldset.querySelectorAll("input")).find((i) => i.value === option.id);
        if (input) options.append(input.closest(".sc-option"));
      }
    }
    before.textContent = attempt.before;
    root.dataset.quizMode = attempt.mode;
    root.dataset.quizAttempt = String(attempt.seed);
    for (const control of controls()) control.disabled = false;
  }

  async function draw() {
    const request = { op: "draw", definition, seed };
    if (refresher) request.refresher = schedule;
    const response = await api.call(request);
    if (!response.ok) {
      api.renderResult(root.querySelector("[data-exercise-result]"), response);
      return false;
    }
    show(response.result);
    return true;
  }

  again.addEventListener("click", async () => {
    seed = randomSeed();
    seeds.save(seed);
    form.reset();
    delete root.dataset.quizAttempt;
    again.disabled = true;
    if (await draw()) before.focus();
    again.disabled = false;
  });

  // Refreshers and the record: the opt-in panel under the check, shared with the Refresh page.
  const panel = optInPanel(id, () => {});
  if (refresher) {
    const full = el("a", null, TEXT.fullCheck);
    full.href = window.location.pathname + "#knowledge-check";
    panel.element.prepend(el("p", "sc-refresh-links"));
    panel.element.firstChild.append(full);
  }
  const more = el("p", "sc-refresh-links");
  const all = el("a", null, TEXT.allRefreshers);
  all.href = api.siteUrl("refresh/");
  more.append(all);
  panel.element.append(more);
  root.append(panel.element);

  root.addEventListener("selfcheck:result", async (event) => {
    const response = event.detail;
    if (!response || !response.ok) return;
    if (refresher) seeds.save(randomSeed()); // the next refresher draws new questions; this one stays on screen
    const { banks } = storedBanks();
    if (banks === null || !schedule) return;
    const update = await api.call({
      op: "refresh-update", schedule, record: { banks }, today: today(), exercise: id, mode: response.result.mode,
      result: { passed: response.result.passed, fraction: response.result.fraction },
    });
    if (update.ok) {
      keep(update.result.record);
      panel.say(update.result.message);
    } else {
      panel.say(update.error);
    }
  });

  api.whenReady().then(draw);
}
