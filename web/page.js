// Every page, on a phone as on a laptop: wide tables scroll inside a visible box with a hint, and
// abbreviations show their meaning when tapped, clicked or (the first of each on a page) reached
// with the keyboard. A few hundred bytes of work, no Pyodide; it sends and stores nothing.

import { el } from "./dom.js";
import { EDITION_ROOT, glossaryAnchor } from "./messages.js";
import { MESSAGES } from "./selfcheck.js";

/** Material wraps each table in .md-typeset__scrollwrap; a table wider than it gets a hint and a focusable box. */
function watchTables() {
  const boxes = Array.from(document.querySelectorAll(".md-content .md-typeset__scrollwrap"));
  if (!boxes.length) return;
  let counter = 0;
  const update = () => {
    for (const box of boxes) {
      const wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("sc-scrolls", wide);
      let hint = box.previousElementSibling;
      if (!hint || !hint.matches("[data-table-hint]")) hint = null;
      if (wide && !hint) {
        hint = el("p", "sc-table-hint", MESSAGES.tableHint);
        hint.dataset.tableHint = "";
        hint.id = "sc-table-hint-" + ++counter;
        box.before(hint);
      }
      if (hint) hint.hidden = !wide;
      if (wide) {
        // a keyboard can scroll it too, and a screen reader hears what the box is
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-labelledby", hint.id);
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-labelledby");
      }
    }
  };
  // measured again whenever a box changes size (first layout, a turned phone, zoom, fonts)
  let pending = null;
  const later = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  };
  if (typeof ResizeObserver === "function") {
    const observer = new ResizeObserver(later);
    for (const box of boxes) observer.observe(box);
  } else {
    window.addEventListener("resize", later);
  }
  update();
}

/**
 * Abbreviations: a tap, a click or Enter shows the meaning in a small box under the word, with a link to
 * its glossary entry; Escape, a tap elsewhere or another abbreviation closes it. The first use of each
 * abbreviation on a page can be reached with the Tab key (every later use works by tap or click, so the
 * keyboard does not stop at every "SOP"). Abbreviations inside links and buttons keep their own behaviour.
 */
function toggletips() {
  const seen = new Set();
  let open = null;
  const close = () => {
    if (!open) return;
    open.tip.remove();
    if (open.abbr.hasAttribute("aria-expanded")) open.abbr.setAttribute("aria-expanded", "false");
    open = null;
  };
  const show = (abbr) => {
    const again = open && open.abbr === abbr;
    close();
    if (again) return;
    const tip = el("span", "sc-toggletip");
    tip.setAttribute("role", "status");
    tip.dataset.toggletip = "";
    const words = el("span", "sc-toggletip-text");
    words.append(el("strong", null, abbr.textContent + ": "), document.createTextNode(abbr.dataset.meaning));
    const link = el("a", "sc-toggletip-link", MESSAGES.glossaryLink);
    // its entry in the glossary of the page's edition (the glossary's top if it has none)
    const anchor = glossaryAnchor(abbr.textContent.trim());
    link.href = new URL("glossary/" + (anchor ? "#" + anchor : ""), EDITION_ROOT).href;
    tip.append(words, document.createTextNode(" "), link);
    abbr.after(tip); // right after the word, so the glossary link comes next in the reading and tab order
    // under the word, and within the screen (shifted left when it would run off the right-hand edge)
    const parent = tip.offsetParent || document.body;
    const frame = parent.getBoundingClientRect();
    const word = abbr.getBoundingClientRect();
    tip.style.top = word.bottom - frame.top + parent.scrollTop + 4 + "px";
    tip.style.left = word.left - frame.left + parent.scrollLeft + "px";
    const overflow = tip.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) tip.style.left = Math.max(8 - frame.left, word.left - frame.left - overflow) + "px";
    if (abbr.hasAttribute("aria-expanded")) abbr.setAttribute("aria-expanded", "true");
    open = { abbr, tip };
  };
  for (const abbr of document.querySelectorAll(".md-content abbr[title]")) {
    if (abbr.closest("a, button, label, summary, .sc-paper")) continue;
    abbr.dataset.meaning = abbr.title;
    abbr.classList.add("sc-abbr");
    const name = abbr.textContent.trim();
    if (!seen.has(name)) {
      seen.add(name);
      abbr.tabIndex = 0;
      abbr.setAttribute("role", "button");
      abbr.setAttribute("aria-expanded", "false");
    }
    abbr.addEventListener("click", (event) => {
      event.stopPropagation();
      show(abbr);
    });
    abbr.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        show(abbr);
      }
    });
  }
  document.addEventListener("click", (event) => {
    if (open && !open.tip.contains(event.target)) close();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && open) {
      const abbr = open.abbr;
      close();
      if (abbr.tabIndex === 0) abbr.focus();
    }
  });
}

toggletips();
// The theme wraps the tables on DOMContentLoaded, which comes after this module runs (a module script runs
// before it, while readyState is already "interactive"): look for them then, once. "load" is the fallback
// for a module that runs late.
let watching = false;
const whenWrapped = () => {
  if (watching) return;
  watching = true;
  setTimeout(watchTables, 0);
};
if (document.readyState === "complete") whenWrapped();
else {
  document.addEventListener("DOMContentLoaded", whenWrapped, { once: true });
  window.addEventListener("load", whenWrapped, { once: true });
}
