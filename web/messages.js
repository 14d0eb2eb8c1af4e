// The words our scripts show, in the page's language. They are the [web] table of the edition's
// i18n/<lang>/ui.toml, which the build writes once per edition as JSON ({"selfcheck": {…}, "wellbeing":
// {…}, …}, assets/messages.json in the edition's folder); every page preloads it with
// <link rel="preload" id="sc-messages">, and this module waits for it before the modules that import it run.
// Each module takes its own table (messages("wellbeing")); format() fills in {placeholders};
// numbers are written the page language's way. A word missing (or a file that could not be read) is
// reported on the console (the browser tests fail on console errors) and shown as its key, never as
// "undefined": the page's own text, written by the build, stays in the edition's language either way.

async function load() {
  const link = document.getElementById("sc-messages");
  if (!link) return {};
  try {
    const response = await fetch(link.href);
    if (!response.ok) throw new Error("HTTP " + response.status);
    return await response.json();
  } catch (error) {
    console.error(`interface text could not be read from ${link.href}: ${error}`);
    return {};
  }
}

const ALL = await load();

/**
 * This edition's root (where its pages are: the site's root, or /ro/, /bg/…): the folder above the
 * edition's assets/messages.json that the page preloads; without it, the site's root. Links to pages
 * are made from here, so a Romanian page links to Romanian pages (the scripts themselves are shared,
 * at the site's root).
 */
export const EDITION_ROOT = (() => {
  const link = document.getElementById("sc-messages");
  return link ? new URL("../", link.href) : new URL("../../", import.meta.url);
})();

/** The page's language (Material sets <html lang> from the edition's theme.language). */
export const LANG = document.documentElement.lang || "en";

function view(table, path) {
  return new Proxy(table, {
    get(target, key) {
      if (typeof key !== "string" || key in target) {
        const value = target[key];
        return value && typeof value === "object" && typeof key === "string" ? view(value, `${path}.${key}`) : value;
      }
      if (key === "then" || key === "toJSON") return undefined; // asked of any object by await and JSON
      console.error(`interface text missing: web.${path}.${key} (i18n/<lang>/ui.toml)`);
      return `web.${path}.${key}`;
    },
  });
}

/**
 * The anchor of an abbreviation's entry in the edition's glossary ("POS" → "sop" in Romanian), or null.
 * The build finds them in the edition's glossary headings (scripts/editions.py, glossary_anchors).
 */
export function glossaryAnchor(abbreviation) {
  const anchors = ALL.glossaryAnchors || {};
  return Object.prototype.hasOwnProperty.call(anchors, abbreviation) ? anchors[abbreviation] : null;
}

/** One module's words: the table [web.<name>] of ui.toml (nested tables are objects too). */
export function messages(name) {
  return view(ALL[name] || {}, name);
}

/** A template with its {placeholders} filled in from ``fields`` (a missing one stays as written). */
export function format(template, fields = {}) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) => (name in fields ? String(fields[name]) : whole));
}

/**
 * A template as nodes: each {placeholder} is replaced by ``fields[name]``, a Node (a link, a <time>) or
 * text. For sentences with a link or a date inside, whose word order the language decides.
 */
export function formatNodes(template, fields = {}) {
  const nodes = [];
  let last = 0;
  const text = String(template);
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    if (!(match[1] in fields)) continue;
    if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
    const value = fields[match[1]];
    nodes.push(value instanceof Node ? value : document.createTextNode(String(value)));
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

const numberFormats = new Map();

/** A number written the page language's way ("13.1" in English, "13,1" in Romanian and Bulgarian). */
export function formatNumber(value, fractionDigits) {
  const key = String(fractionDigits);
  if (!numberFormats.has(key)) {
    const options = fractionDigits === undefined ? { maximumFractionDigits: 1 }
      : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
    let made;
    try {
      made = new Intl.NumberFormat(LANG, options);
    } catch {
      made = new Intl.NumberFormat("en", options);
    }
    numberFormats.set(key, made);
  }
  return numberFormats.get(key).format(value);
}

/** Bytes as megabytes with one decimal, for "4.2 of 13.1 MB". */
export function megabytes(bytes) {
  return formatNumber(bytes / 1e6, 1);
}
