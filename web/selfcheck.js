// The exercise adapter: collects answers, asks selfcheck (Python, in a Web Worker)
// and shows what it returns. It computes no score, band or verdict.
// On pages without an exercise it does nothing and loads no part of Pyodide.
//
// What it shows: while the checking engine loads, its size (once), a progress bar and that it then
// works offline; on a save-data connection it asks first. After a check, Python's result with plain
// words first, or the problems to fix: a summary at the top of the form linking to each question and
// a message next to each question (the GOV.UK error-summary pattern), named by number and words.

import { appendText, el, offerUndo, restoreControls, saveControls, textEl, timeElement } from "./dom.js";
import { EDITION_ROOT, format, formatNodes, megabytes, messages } from "./messages.js";
import { saveData, takeWorker } from "./boot.js";

const roots = Array.from(document.querySelectorAll("[data-exercise]"));
const requestExtras = new WeakMap(); // root -> () => extra fields of its score requests (a drawn attempt's seed)
// The edition's language (<html lang>): every request asks selfcheck to write in it (en, ro or bg).
const PAGE_LANG = (document.documentElement.lang || "en").split("-")[0].toLowerCase();
// The bytes of the checking engine (Pyodide and the selfcheck wheel), written in by scripts/runtime.py.
const RUNTIME_BYTES = Number("__RUNTIME_BYTES__") || 0;
// The wheel's address: when it is in the offline copy, the engine is on this device already.
const RUNTIME_WHEEL = new URL("__SELFCHECK_WHEEL__", import.meta.url).href;
let worker = null;
let state = "idle"; // idle | asking (save-data: waiting for the reader's yes) | loading | ready | error
let approve = null; // resolves the promise below when the reader agrees to download the engine
const approved = new Promise((resolve) => {
  approve = resolve;
});
let failure = "";
let sequence = 0;
const pending = new Map();
const readyListeners = [];
// Resolves once this page's engine has failed, or is ready and has answered what the page asked at
// once (a quiz's draw), or at once when it is not loading (no exercise here, or waiting for the
// reader's yes): search.js lets the theme build its search index then.
let settle = null;
const settled = new Promise((resolve) => {
  settle = resolve;
});
const settleWhenAnswered = () => {
  if (state === "ready" && !pending.size) settle();
};

/**
 * Every message these scripts show: [web.selfcheck] of the edition's ui.toml (see messages.js).
 * offline.js, progress.js, page.js and the opt-in panels import it too.
 */
export const MESSAGES = messages("selfcheck");

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
  settle();
  hideLoading();
  failure = why;
  setStatus("error");
  for (const root of roots) setMessage(root, format(MESSAGES.failed, { why }));
  for (const [, entry] of pending) entry.resolve({ ok: false, error: format(MESSAGES.failed, { why }) });
  pending.clear();
}

/** The download progress under each exercise's status line, shown only while bytes are still arriving. */
const loading = { done: 0, shown: false, started: 0 };

function showLoading() {
  if (state !== "loading" || !RUNTIME_BYTES) return;
  const done = Math.min(loading.done, RUNTIME_BYTES);
  const waiting = done >= RUNTIME_BYTES;
  if (!loading.shown) {
    if (waiting || performance.now() - loading.started < 400) return; // from this device's cache: no bar
    loading.shown = true;
  }
  for (const root of roots) {
    const message = root.querySelector("[data-exercise-message]");
    if (message.dataset.busy) continue;
    let bar = root.querySelector("[data-exercise-progress]");
    if (!bar) {
      bar = el("progress", "sc-loading");
      bar.dataset.exerciseProgress = "";
      bar.setAttribute("aria-label", MESSAGES.progressLabel);
      message.after(bar);
    }
    bar.max = RUNTIME_BYTES;
    bar.value = done;
    message.textContent = waiting ? MESSAGES.starting
      : format(MESSAGES.downloading, { done: megabytes(done), total: megabytes(RUNTIME_BYTES) });
  }
}

function hideLoading() {
  for (const bar of document.querySelectorAll("[data-exercise-progress]")) bar.remove();
}

function start() {
  if (worker || state === "error") return;
  state = "loading";
  setStatus("loading");
  loading.started = performance.now();
  setTimeout(showLoading, 450);
  const early = takeWorker(); // started from the page's head (boot.js), if it was
  try {
    worker = early ? early.worker : new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    fail(MESSAGES.reasonWorkers);
    return;
  }
  worker.onerror = (event) => {
    event.preventDefault();
    fail(MESSAGES.reasonFile);
  };
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.type === "progress") {
      loading.done = message.done;
      showLoading();
    } else if (message.type === "ready") {
      state = "ready";
      hideLoading();
      setStatus("ready");
      // how Python started ("snapshot": warm start, or "normal"), and below whether a snapshot
      // was stored for next time: for tests and the benchmark
      for (const root of roots) root.dataset.exerciseStart = message.start;
      for (const root of roots) {
        if (!root.querySelector("[data-exercise-message]").dataset.busy) setMessage(root, MESSAGES.ready);
      }
      readyListeners.splice(0).forEach((listener) => listener());
      setTimeout(settleWhenAnswered, 0); // after the listeners have sent their first requests
    } else if (message.type === "snapshot-made") {
      keepSnapshot(message.key, message.bytes).then((stored) => {
        for (const root of roots) root.dataset.exerciseSnapshot = stored ? "stored" : "not stored";
      });
    } else if (message.type === "failed") {
      // the worker names a reason it knows (reasonWasm, reasonPackage), else the browser's own words
      const reason = { wasm: MESSAGES.reasonWasm, package: MESSAGES.reasonPackage }[message.reason];
      fail(reason ? format(reason, message) : message.message);
    } else if (message.type === "response") {
      const entry = pending.get(message.id);
      pending.delete(message.id);
      settleWhenAnswered();
      const reply = JSON.parse(message.response);
      if (reply.unavailable !== undefined) reply.error = format(MESSAGES.unavailable, { why: reply.unavailable });
      if (entry) entry.resolve(reply);
    }
  };
  if (early) for (const event of early.held) (event.type === "error" ? worker.onerror : worker.onmessage)(event);
}

/**
 * Hand the worker's memory snapshot (packed: snapshot.js) to the service worker, which keeps it for the next
 * start (web/sw/sw.js). Resolves true once it is stored; false without a service worker (a first
 * visit left before the worker is active, or a browser that has none): a later start tries again.
 */
async function keepSnapshot(key, bytes) {
  try {
    const registration = await Promise.race([
      navigator.serviceWorker.ready, new Promise((resolve) => setTimeout(resolve, 60_000, null))]);
    if (!registration || !registration.active) return false;
    const channel = new MessageChannel();
    const reply = new Promise((resolve) => {
      channel.port1.onmessage = (event) => resolve(Boolean(event.data && event.data.stored));
    });
    registration.active.postMessage({ type: "keep-snapshot", key, bytes }, [bytes.buffer, channel.port2]);
    return await reply;
  } catch {
    return false;
  }
}

/** Send one request to selfcheck.handle() in the worker, in the page's language; resolves with its JSON reply. */
export function call(request) {
  if (state === "error") return Promise.resolve({ ok: false, error: format(MESSAGES.failed, { why: failure }) });
  if (state === "asking") return approved.then(() => call(request));
  if (!worker) start();
  const id = ++sequence;
  return new Promise((resolve) => {
    pending.set(id, { resolve });
    worker.postMessage({ id, request: JSON.stringify({ lang: PAGE_LANG, ...request }) });
  });
}

/** Resolves once the runtime is ready (never, if it fails). Starts it on pages that start it only on demand. */
export function whenReady() {
  if (state === "idle") start();
  return state === "ready" ? Promise.resolve() : new Promise((resolve) => readyListeners.push(resolve));
}

/** Resolves when nothing loads the checking engine any more: it is ready or failed, or this page does not load it. */
export function whenSettled() {
  return settled;
}

/** Resolves when the checking engine may be downloaded: at once, unless save-data waits for the reader's yes. */
export function whenApproved() {
  return approved;
}

/** Save-data: say what the engine costs and wait for the reader's yes before downloading it. */
async function askBeforeDownloading() {
  state = "asking"; // at once, so that nothing starts the download while the offline copy is looked up
  try {
    const held = await caches.match(RUNTIME_WHEEL);
    if (held) {
      state = "idle";
      return false; // stored on this device already (the offline copy): nothing to download
    }
  } catch {
    // no Cache Storage here: ask
  }
  setStatus("asking");
  for (const root of roots) {
    const message = root.querySelector("[data-exercise-message]");
    message.textContent = format(MESSAGES.saveDataAsk, { total: megabytes(RUNTIME_BYTES) });
    const button = el("button", "md-button md-button--primary",
      format(MESSAGES.saveDataButton, { total: megabytes(RUNTIME_BYTES) }));
    button.type = "button";
    button.dataset.engineDownload = "";
    const row = el("p", "sc-actions sc-engine-ask");
    row.append(button);
    message.after(row);
    button.addEventListener("click", () => {
      for (const ask of document.querySelectorAll(".sc-engine-ask")) ask.remove();
      state = "idle";
      approve();
      start();
      message.tabIndex = -1;
      message.focus(); // the button is gone: the status line now says what is happening
    });
  }
  return true;
}

/** A kind's module adds fields to the root's score requests (``fields()`` is asked at each submit). */
export function extendRequest(root, fields) {
  requestExtras.set(root, fields);
}

/** A site-relative link from Python (``modules/x/#y``) as a URL to that page in the page's edition. */
export function siteUrl(href) {
  return new URL(href, EDITION_ROOT).href;
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

/** Put answers (as collectAnswers gives them) back into a form; items not in ``answers`` are left as they are. */
export function fillAnswers(form, answers) {
  for (const item of form.querySelectorAll("[data-item]")) {
    const id = item.dataset.item;
    if (!(id in answers)) continue;
    const value = answers[id];
    const inputs = Array.from(item.querySelectorAll("input, textarea"));
    const type = item.dataset.type;
    if (type === "single") for (const input of inputs) input.checked = input.value === value;
    else if (type === "multiple") for (const input of inputs) input.checked = Array.isArray(value) && value.includes(input.value);
    else if (type === "check") inputs[0].checked = value === true;
    else if (inputs[0]) inputs[0].value = String(value);
  }
}

/** A new element with a class and text (shared by the kind modules). */
export const element = el;

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

/** The help box: Python's words (urgent ones first when answers suggest acute distress), then the numbers to call. */
function helpBox(help, contacts, first) {
  const box = el("section", "sc-help" + (first ? " sc-help--first" : ""));
  box.dataset.resultHelp = first ? "first" : "after";
  box.append(el("h4", "sc-help-title", help.title));
  // the urgent words say all the usual text says, for this moment: one or the other
  if (first && help.urgent) box.append(textEl("p", "sc-help-urgent", help.urgent));
  else box.append(textEl("p", "sc-help-text", help.text));
  if (contacts && contacts.numbers.length) {
    box.append(el("p", "sc-help-subtitle", MESSAGES.helpContacts));
    const list = el("ul", "sc-help-contacts");
    for (const contact of contacts.numbers) {
      const line = el("li");
      const number = el("a", "sc-help-number", contact.number);
      number.href = "tel:" + contact.number.replace(/[^+\d]/g, "");
      const countries = contact.countries.map((c) => MESSAGES.contactCountries[c]).join(", ");
      line.append(...formatNodes(MESSAGES.helpContact, {
        number, holder: contact.holder, what: contact.what, countries, date: timeElement(contact.checked),
      }));
      list.append(line);
    }
    box.append(list);
    const pages = document.createDocumentFragment();
    contacts.pages.forEach((page, index) => {
      const link = el("a", null, page.text);
      link.href = siteUrl(page.href);
      pages.append(...(index ? [document.createTextNode(", "), link] : [link]));
    });
    const more = el("p", "sc-help-more");
    more.append(...formatNodes(MESSAGES.contactsMore, { pages }));
    box.append(more);
  }
  return box;
}

function linkList(className, entries) {
  const links = el("ul", className);
  for (const entry of entries) {
    const link = el("a", null, entry.text);
    link.href = siteUrl(entry.href);
    const line = el("li");
    line.append(link);
    links.append(line);
  }
  return links;
}

/** Show what selfcheck returned: plain words first (summary, each scale's sentence), then the details. */
export function renderResult(region, response) {
  region.replaceChildren();
  const root = region.closest("[data-exercise]");
  if (root) showProblems(root, response.ok ? response.result.problems || [] : response.problems || []);
  if (!response.ok) {
    if (!(response.problems || []).length) region.append(textEl("p", "sc-error", response.error));
    region.dataset.outcome = "error";
    return;
  }
  const result = response.result;
  region.dataset.outcome = "result";
  const contactsScript = root && root.querySelector("script[data-help-contacts]");
  const contacts = contactsScript ? JSON.parse(contactsScript.textContent) : null;
  if (result.help && result.help.first) region.append(helpBox(result.help, contacts, true));
  const summary = textEl("p", "sc-summary", result.summary);
  summary.tabIndex = -1;
  summary.dataset.resultSummary = "";
  region.append(summary);
  for (const scale of result.scales || []) {
    const box = el("div", "sc-scale");
    // the wording of a score (rounding included) comes from Python when it sends "display"
    const scored = scale.score !== null && scale.score !== undefined;
    const shown = scored ? String(scale.display ?? scale.score) : MESSAGES.noScore;
    const label = el("p", "sc-scale-title");
    label.append(el("strong", null, scale.title + ": "), document.createTextNode(shown));
    box.append(label);
    if (scale.plain) box.append(textEl("p", "sc-plain", scale.plain));
    if (scored) {
      const meter = el("meter", "sc-meter");
      // the boundaries Python sends make the colour follow the bands (never colour alone: the band is in words)
      for (const [name, value] of Object.entries(scale.meter || {})) meter[name] = value;
      meter.min = scale.min ?? meter.min ?? 0;
      meter.max = scale.max ?? meter.max ?? 100;
      meter.value = scale.score;
      meter.setAttribute("aria-label", format(MESSAGES.scoreOf, { title: scale.title, score: shown, max: meter.max }));
      if (scale.level !== undefined) meter.dataset.level = String(scale.level);
      box.append(meter);
    }
    if (scale.band_line || scale.band) box.append(textEl("p", "sc-band", scale.band_line || scale.band));
    if (scale.note) box.append(textEl("p", "sc-note", scale.note));
    region.append(box);
  }
  if ((result.items || []).length) {
    const list = el("ol", "sc-feedback");
    for (const item of result.items) {
      const entry = el("li", "sc-fb sc-fb--" + item.status);
      if (item.id !== undefined) entry.dataset.item = item.id; // placement only: never shown
      const head = el("p", "sc-fb-head");
      head.append(el("strong", "sc-fb-label", item.label));
      if (item.question) appendText(head, " — " + item.question + ": " + item.prompt);
      else if (item.prompt) appendText(head, " — " + item.prompt);
      entry.append(head, textEl("p", "sc-fb-message", item.message));
      if ((item.notes || []).length) {
        const notes = el("ul", "sc-fb-notes");
        for (const note of item.notes) notes.append(textEl("li", null, note));
        entry.append(notes);
      }
      if ((item.links || []).length) {
        entry.append(el("p", "sc-fb-links-title", MESSAGES.linksTitle), linkList("sc-fb-links", item.links));
      }
      if (item.source) entry.append(el("p", "sc-source", format(MESSAGES.source, { source: item.source })));
      list.append(entry);
    }
    region.append(list);
  }
  if ((result.review || []).length) {
    const box = el("div", "sc-review");
    box.append(el("p", "sc-review-title", result.review_title));
    box.append(linkList("sc-review-list", result.review));
    region.append(box);
  }
  if (result.help && !result.help.first) region.append(helpBox(result.help, contacts, false));
  for (const note of result.notes || []) region.append(textEl("p", "sc-note", note));
  if ((result.sources || []).length) {
    const box = el("div", "sc-sources");
    box.append(el("p", "sc-sources-title", result.sources_title));
    const list = el("ul", "sc-sources-list");
    for (const source of result.sources) list.append(textEl("li", null, source));
    box.append(list);
    region.append(box);
  }
}

/** The first control of a question (where a link to it lands), or the question itself. */
function controlOf(item) {
  return item.querySelector("input:not([type=hidden]), textarea, select") || item;
}

/**
 * Problems to fix (GOV.UK's error-summary pattern): a summary at the top of the form with a link to
 * each question, and each message next to its question. ``problem.item`` only finds the question.
 */
export function showProblems(root, problems) {
  const form = root.querySelector("form");
  for (const old of root.querySelectorAll("[data-error-summary], [data-error-message]")) old.remove();
  for (const item of root.querySelectorAll(".sc-item--error")) {
    item.classList.remove("sc-item--error");
    const target = item.matches("fieldset") ? item : controlOf(item);
    const ids = (target.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.endsWith("--error"));
    if (ids.length) target.setAttribute("aria-describedby", ids.join(" "));
    else target.removeAttribute("aria-describedby");
  }
  if (!problems.length) return null;
  const shown = Array.from(form.querySelectorAll("[data-item]")).filter((item) => !item.closest("[hidden]"));
  const summary = el("div", "sc-error-summary");
  summary.dataset.errorSummary = "";
  summary.tabIndex = -1;
  summary.setAttribute("role", "alert");
  summary.append(el("h3", "sc-error-summary-title", MESSAGES.problemsTitle));
  const list = el("ul", "sc-error-summary-list");
  for (const problem of problems) {
    const item = (problem.item && shown.find((i) => i.dataset.item === problem.item)) || shown[0] || form;
    const line = el("li");
    const link = appendText(el("a"), problem.message);
    const control = controlOf(item);
    if (control.id) link.href = "#" + control.id;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      (item.querySelector("legend, label") || item).scrollIntoView({ block: "start" });
      control.focus({ preventScroll: true });
    });
    line.append(link);
    list.append(line);
    if (!problem.item || item === form) continue;
    item.classList.add("sc-item--error");
    const message = el("p", "sc-error-message");
    message.dataset.errorMessage = "";
    message.id = (control.id || item.dataset.item) + "--error";
    const prefix = el("span", "sc-visually-hidden", MESSAGES.problemPrefix + " ");
    message.append(prefix);
    appendText(message, problem.message);
    // after the question's words and hint, before its answers
    const after = item.querySelector(":scope > .sc-hint") || item.querySelector(":scope > legend, :scope > label");
    if (after) after.after(message);
    else item.prepend(message);
    const target = item.matches("fieldset") ? item : control;
    const ids = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    target.setAttribute("aria-describedby", [...ids, message.id].join(" "));
  }
  summary.append(list);
  form.prepend(summary);
  return summary;
}

/** Bring ``node`` into view below the sticky header and put focus on it. */
function focusOn(node) {
  if (!node) return;
  node.scrollIntoView({ block: "start" });
  node.focus({ preventScroll: true });
}

async function submit(root, form) {
  const message = root.querySelector("[data-exercise-message]");
  const region = root.querySelector("[data-exercise-result]");
  if (state === "asking") {
    message.textContent = MESSAGES.saveDataFirst;
    const button = root.querySelector("[data-engine-download]");
    if (button) button.focus();
    return;
  }
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
  // after a check: the summary of what to fix, or the result's first line, in view and focused
  // (when answers suggest acute distress, the help that comes first)
  const problems = root.querySelector("[data-error-summary]");
  if (!response.ok && problems) focusOn(problems);
  else if (region.querySelector(".sc-help--first")) focusOn(region);
  else focusOn(region.querySelector("[data-result-summary]") || region);
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

export const api = { call, whenReady, definitionOf, collectAnswers, renderResult, extendRequest, siteUrl, fillAnswers };

if (roots.length) {
  if (saveData && RUNTIME_BYTES) {
    askBeforeDownloading().then((asked) => (asked ? settle() : (approve(), start())));
  } else {
    approve();
    start();
  }
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
    // "Clear answers" clears at once and offers to put them back (programmatic resets, such as a new
    // attempt, offer nothing).
    let byReader = false;
    const clear = form.querySelector('button[type="reset"]');
    if (clear) clear.addEventListener("click", () => {
      byReader = true;
    });
    form.addEventListener("reset", () => {
      const region = root.querySelector("[data-exercise-result]");
      const before = byReader ? saveControls(form.querySelectorAll("input, textarea, select")) : null;
      byReader = false;
      region.replaceChildren();
      delete region.dataset.outcome;
      showProblems(root, []);
      // something the reader chose or typed (a date filled in for them does not count)
      const answered = (saved) => saved.some(({ control, checked, value }) =>
        control.type === "checkbox" || control.type === "radio" ? checked : control.type !== "date" && value !== "");
      if (before && answered(before)) {
        setTimeout(() => offerUndo(form.querySelector(".sc-actions"), {
          message: MESSAGES.answersCleared, undoLabel: MESSAGES.undo, restored: MESSAGES.restored, trigger: clear,
          undo: () => restoreControls(before),
        }), 0);
      }
    });
  }
}
if (!roots.length) settle(); // nothing loads the engine now (the Refresh and record pages may start it on demand)

// The Refresh page and the "due" boxes of the home and onboarding pages start the runtime only when the
// reader has opted in and has stored results (refresh.js decides, then calls Python through this api).
if (document.querySelector("[data-refresh]")) {
  import("./refresh.js").then((module) => module.start(api));
}
// The onboarding record page starts the runtime only when something is kept, or to export or import.
if (document.querySelector("[data-record]")) {
  import("./record.js").then((module) => module.start(api));
}
