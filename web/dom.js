// Small helpers shared by the site's browser modules: building elements, today's date, dates in the
// reader's format, and "Undo" after a one-click clear. Words are passed in by the callers (their
// MESSAGES or TEXT), so every string stays in one place per module.

/** A new element with an optional class and text. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** Today's date on this device, as YYYY-MM-DD (the form records and date fields use). */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The reader's locale for the page's language: the first of the browser's languages that shares the
 * page's language (so an English page read with en-GB shows "30 November 2026"), else the page's own.
 */
export function readerLocale() {
  const page = document.documentElement.lang || "en";
  const base = page.split("-")[0].toLowerCase();
  const preferred = (navigator.languages || [navigator.language || ""]).find(
    (tag) => tag && tag.split("-")[0].toLowerCase() === base,
  );
  return preferred || page;
}

const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const dateFormats = new Map(); // dateStyle -> Intl.DateTimeFormat

/**
 * An ISO date (YYYY-MM-DD, as selfcheck returns it) in the reader's format: "long" (30 November 2026) by
 * default, "medium" (30 Nov 2026) where space is short, such as the cells of a printed table.
 */
export function formatDate(iso, style = "long") {
  const [year, month, day] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return iso; // not a calendar date: shown as written
  if (!dateFormats.has(style)) {
    let format;
    try {
      format = new Intl.DateTimeFormat(readerLocale(), { dateStyle: style, timeZone: "UTC" });
    } catch {
      format = new Intl.DateTimeFormat("en", { dateStyle: style, timeZone: "UTC" });
    }
    dateFormats.set(style, format);
  }
  return dateFormats.get(style).format(date);
}

/** A <time> element for an ISO date, shown in the reader's format (the ISO date stays in datetime). */
export function timeElement(iso, style = "long") {
  const node = el("time", null, formatDate(iso, style));
  node.dateTime = iso;
  return node;
}

/** Append ``text`` to ``node``, with every ISO date in it shown as a <time> in the reader's format. */
export function appendText(node, text, style = "long") {
  const value = String(text ?? "");
  let last = 0;
  for (const match of value.matchAll(ISO_DATE)) {
    if (match.index > last) node.append(document.createTextNode(value.slice(last, match.index)));
    node.append(timeElement(match[0], style));
    last = match.index + match[0].length;
  }
  if (last < value.length) node.append(document.createTextNode(value.slice(last)));
  return node;
}

/** A new element whose text may hold ISO dates (see appendText). */
export function textEl(tag, className, text, style = "long") {
  return appendText(el(tag, className), text, style);
}

/**
 * After a one-click clear or delete: a status line after ``anchor`` saying what happened (``message``,
 * or nothing when the caller's own status line says it), with an "Undo" button that calls ``undo()`` and then says ``restored``. Only one offer per anchor is
 * shown; a later one replaces it. If ``trigger`` (the button that cleared) is now hidden or disabled,
 * focus moves to "Undo" so keyboard and screen-reader users are not left on nothing.
 */
export function offerUndo(anchor, { message, undoLabel, restored, trigger, undo }) {
  let line = anchor.nextElementSibling;
  if (!line || !line.matches("[data-undo]")) {
    line = el("p", "sc-undo");
    line.dataset.undo = "";
    line.setAttribute("role", "status");
    anchor.after(line);
  }
  const button = el("button", "md-button sc-undo-button", undoLabel);
  button.type = "button";
  button.dataset.undoButton = "";
  line.replaceChildren(...(message ? [document.createTextNode(message + " ")] : []), button);
  button.addEventListener("click", () => {
    undo();
    line.replaceChildren(document.createTextNode(restored));
  });
  if (trigger && (trigger.hidden || trigger.disabled || !trigger.offsetParent)) button.focus();
  return line;
}

/** The state of some controls (ticks, choices, typed text), to put back with restoreControls. */
export function saveControls(controls) {
  return Array.from(controls, (control) => ({
    control,
    checked: control.checked,
    value: control.value,
  }));
}

/** Put a saved state back; each control that changes gets a "change" event, as if the reader had done it. */
export function restoreControls(saved) {
  for (const { control, checked, value } of saved) {
    const changed = control.checked !== checked || control.value !== value;
    control.checked = checked;
    control.value = value;
    if (changed) control.dispatchEvent(new Event("change", { bubbles: true }));
  }
}
