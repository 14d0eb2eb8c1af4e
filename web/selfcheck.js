// The exercise adapter: collects answers, asks selfcheck (Python, in a Web Worker)
// and shows what it returns. It computes no score, band or verdict.
// On pages without an exercise it does nothing and loads no part of Pyodide.

const roots = Array.from(document.querySelectorAll("[data-exercise]"));
const SITE_ROOT = new URL("../../", import.meta.url);
const requestExtras = new WeakMap(); // root -> () => extra fields of its score requests (a drawn attempt's seed)
let worker = null;
let state = "idle"; // idle | loading | ready | error
let failure = "";
let sequence = 0;
const pending = new Map();
const readyListeners = [];

/**
 * Every message these scripts show, in one place (to translate them, or to add one).
 * offline.js imports it too.
 */
export const MESSAGES = {
  preparing: "Preparing the checking engine… your answers will be checked as soon as it is ready.",
  ready: "Ready. Nothing you enter leaves this device.",
  failed: (why) =>
    "The interactive check could not start in this browser (" + why + "). " +
    "The page stays readable: you can still work through the questions, print them and use them on paper.",
  // offline.js: a new build is deployed
  updateReady: "An updated version of this site is ready. ",
  updateButton: "Reload to update",
  // offline.js: the About page's offline status
  offline: { yes: "yes", "in progress": "in progress", no: "no" },
  offlineYes: "Every page and the checking engine are stored in this browser; the whole site works without a connection.",
  offlineNo: "Not everything is stored in this browser yet, so without a connection some pages or exercises may not work. " +
    "Use the button to store everything.",
  offlineSaveData: "Your browser asks websites to save data, so the checking engine was not downloaded in the background. " +
    "Use the button to store everything.",
  offlineUnsupported: "This browser cannot keep an offline copy of the site (or keeps none in this window).",
  offlineProgress: (done, total) => "Storing files for offline use: " + megabytes(done) + " of " + megabytes(total) + " MB.",
  offlineStored: (total) => "Stored for offline use: " + megabytes(total) + " MB.",
  offlineError: "Storing stopped (no connection, or no space left). Try again later with the button.",
};

function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}

function setStatus(status) {
  for (const root of roots) root.dataset.exerciseStatus = status;
}

function setMessage(root, text) {
  const message = root.querySelector("[data-exercise-message]");
  if (message) message.textContent = text;
}

function fail(why) {
  if (state === "error") return;
  state = "error";
  failure = why;
  setStatus("error");
  for (const root of roots) setMessage(root, MESSAGES.failed(why));
  for (const [, entry] of pending) entry.resolve({ ok: false, error: MESSAGES.failed(why) });
  pending.clear();
}

function start() {
  if (worker || state === "error") return;
  state = "loading";
  setStatus("loading");
  try {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    fail("it cannot start background workers");
    return;
  }
  worker.onerror = (event) => {
    event.preventDefault();
    fail("a runtime file could not be loaded");
  };
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.type === "ready") {
      state = "ready";
      setStatus("ready");
      // how Python started ("snapshot": warm start, or "normal"), and below whether a snapshot
      // was stored for next time: for tests and the benchmark
      for (const root of roots) root.dataset.exerciseStart = message.start;
      for (const root of roots) {
        if (!root.querySelector("[data-exercise-message]").dataset.busy) setMessage(root, MESSAGES.ready);
      }
      readyListeners.splice(0).forEach((listener) => listener());
    } else if (message.type === "snapshot") {
      for (const root of roots) root.dataset.exerciseSnapshot = message.stored ? "stored" : "not stored";
    } else if (message.type === "failed") {
      fail(message.message);
    } else if (message.type === "response") {
      const entry = pending.get(message.id);
      pending.delete(message.id);
      if (entry) entry.resolve(JSON.parse(message.response));
    }
  };
}

/** Send one request to selfcheck.handle() in the worker; resolves with its JSON reply. */
export function call(request) {
  if (state === "error") return Promise.resolve({ ok: false, error: MESSAGES.failed(failure) });
  if (!worker) start();
  const id = ++sequence;
  return new Promise((resolve) => {
    pending.set(id, { resolve });
    worker.postMessage({ id, request: JSON.stringify(request) });
  });
}

/** Resolves once the runtime is ready (never, if it fails). Starts it on pages that start it only on demand. */
export function whenReady() {
  if (state === "idle") start();
  return state === "ready" ? Promise.resolve() : new Promise((resolve) => readyListeners.push(resolve));
}

/** A kind's module adds fields to the root's score requests (``fields()`` is asked at each submit). */
export function extendRequest(root, fields) {
  requestExtras.set(root, fields);
}

/** A site-relative link from Python (``modules/x/#y``) as a URL that works from any page of the site. */
export function siteUrl(href) {
  return new URL(href, SITE_ROOT).href;
}

export function definitionOf(root) {
  return JSON.parse(root.querySelector("script[data-exercise-definition]").textContent);
}

/** The answers of a form, keyed by item id; unanswered items are absent. */
export function collectAnswers(form) {
  const answers = {};
  for (const item of form.querySelectorAll("[data-item]")) {
    if (item.hidden || item.closest("[hidden]")) continue;
    const id = item.dataset.item;
    const type = item.dataset.type;
    const inputs = Array.from(item.querySelectorAll("input, textarea"));
    if (type === "single") {
      const chosen = inputs.find((input) => input.checked);
      if (chosen) answers[id] = chosen.value;
    } else if (type === "multiple") {
      const chosen = inputs.filter((input) => input.checked).map((input) => input.value);
      if (chosen.length) answers[id] = chosen;
    } else if (type === "check") {
      answers[id] = inputs[0].checked;
    } else if (type === "number") {
      if (inputs[0].value !== "") answers[id] = Number(inputs[0].value);
    } else if (inputs[0].value.trim() !== "") {
      answers[id] = inputs[0].value.trim();
    }
  }
  return answers;
}

/** A new element with a class and text (shared by the kind modules). */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** A checkbox and its label in one row (the opt-in controls): returns {row, input}. */
export function checkboxRow(id, text) {
  const row = element("div", "sc-history-optin");
  const input = element("input");
  input.type = "checkbox";
  input.id = id;
  const label = element("label", null, text);
  label.htmlFor = id;
  row.append(input, label);
  return { row, input };
}

/** Show what selfcheck returned: summary, scales, item feedback, notes. */
export function renderResult(region, response) {
  region.replaceChildren();
  if (!response.ok) {
    region.append(element("p", "sc-error", response.error));
    region.dataset.outcome = "error";
    return;
  }
  const result = response.result;
  region.dataset.outcome = "result";
  region.append(element("p", "sc-summary", result.summary));
  for (const scale of result.scales || []) {
    const box = element("div", "sc-scale");
    // the wording of a score (rounding included) comes from Python when it sends "display"
    const shown = scale.score === null || scale.score === undefined ? "no score" : String(scale.display ?? scale.score);
    const label = element("p", "sc-scale-title");
    label.append(element("strong", null, scale.title + ": "), document.createTextNode(shown));
    box.append(label);
    if (shown !== "no score") {
      const meter = element("meter", "sc-meter");
      meter.min = scale.min ?? 0;
      meter.max = scale.max ?? 100;
      meter.value = scale.score;
      meter.setAttribute("aria-label", scale.title + ": " + shown + " of " + meter.max);
      box.append(meter);
    }
    if (scale.band) box.append(element("p", "sc-band", scale.band));
    if (scale.note) box.append(element("p", "sc-note", scale.note));
    region.append(box);
  }
  if ((result.items || []).length) {
    const list = element("ol", "sc-feedback");
    for (const item of result.items) {
      const entry = element("li", "sc-fb sc-fb--" + item.status);
      if (item.id !== undefined) entry.dataset.item = item.id; // some kinds' results carry no internal ids
      const head = element("p", "sc-fb-head");
      head.append(element("strong", "sc-fb-label", item.label));
      if (item.question) head.append(document.createTextNode(" — " + item.question + ": " + item.prompt));
      else if (item.prompt) head.append(document.createTextNode(" — " + item.prompt));
      entry.append(head, element("p", "sc-fb-message", item.message));
      if ((item.notes || []).length) {
        const notes = element("ul", "sc-fb-notes");
        for (const note of item.notes) notes.append(element("li", null, note));
        entry.append(notes);
      }
      if (item.source) entry.append(element("p", "sc-source", "Source: " + item.source));
      list.append(entry);
    }
    region.append(list);
  }
  if ((result.review || []).length) {
    const box = element("div", "sc-review");
    box.append(element("p", "sc-review-title", result.review_title));
    const links = element("ul", "sc-review-list");
    for (const entry of result.review) {
      const link = element("a", null, entry.text);
      link.href = siteUrl(entry.href);
      const line = element("li");
      line.append(link);
      links.append(line);
    }
    box.append(links);
    region.append(box);
  }
  for (const note of result.notes || []) region.append(element("p", "sc-note", note));
}

async function submit(root, form) {
  const message = root.querySelector("[data-exercise-message]");
  const region = root.querySelector("[data-exercise-result]");
  if (state !== "ready" && state !== "error") {
    message.dataset.busy = "true";
    message.textContent = MESSAGES.preparing;
    root.setAttribute("aria-busy", "true");
  }
  const extra = requestExtras.has(root) ? requestExtras.get(root)() : {};
  const response = await call({ op: "score", definition: definitionOf(root), answers: collectAnswers(form), ...extra });
  root.removeAttribute("aria-busy");
  delete message.dataset.busy;
  if (state === "ready") message.textContent = MESSAGES.ready;
  renderResult(region, response);
  region.focus();
  root.dispatchEvent(new CustomEvent("selfcheck:result", { bubbles: true, detail: response }));
}

/**
 * Kind-specific behaviour (tick persistence, quiz sampling, opt-in history…) lives in
 * small modules next to this one. Each exports attach(root, api) and is imported only
 * on pages holding an exercise of its kind. They may call Python and show its replies;
 * they never score.
 */
const EXTENSIONS = {
  // kind: "./file.js"  (filled in as kinds gain browser behaviour)
  checklist: "./checklist.js",
  "support-plan": "./checklist.js",
  timeline: "./checklist.js",
  "insurance-route": "./checklist.js",
  cbi: "./wellbeing.js",
  reflection: "./wellbeing.js",
  plan: "./wellbeing.js",
  "distinction-quiz": "./distinction.js",
  observation: "./observation.js",
  quiz: "./quiz.js",
};

export const api = { call, whenReady, definitionOf, collectAnswers, renderResult, extendRequest, siteUrl };

if (roots.length) {
  start();
  for (const root of roots) {
    const extension = EXTENSIONS[root.dataset.exerciseKind];
    if (extension) {
      import(extension).then((module) => module.attach(root, api));
    }
    const form = root.querySelector("form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit(root, form);
    });
    form.addEventListener("reset", () => {
      const region = root.querySelector("[data-exercise-result]");
      region.replaceChildren();
      delete region.dataset.outcome;
    });
  }
}

// The Refresh page and the "due" boxes of the home and onboarding pages start the runtime only when the
// reader has opted in and has stored results (refresh.js decides, then calls Python through this api).
if (document.querySelector("[data-refresh]")) {
  import("./refresh.js").then((module) => module.start(api));
}
// The onboarding record page starts the runtime only when something is kept, or to export or import.
if (document.querySelector("[data-record]")) {
  import("./record.js").then((module) => module.start(api));
}
