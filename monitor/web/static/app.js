// Behaviour that used to sit in inline handlers: the page's Content-Security-Policy
// allows scripts from this site only, never inline.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) window.print();
});

// The findings list's bulk actions: "choose all" and a count of the chosen findings.
// The form works without this (each row has its own checkbox).
document.addEventListener("DOMContentLoaded", () => {
  const all = document.querySelector("[data-pick-all]");
  const count = document.querySelector("[data-bulk-count]");
  if (!all) return;
  const picks = () => Array.from(document.querySelectorAll("[data-pick]"));
  const update = () => {
    const chosen = picks().filter((box) => box.checked).length;
    all.checked = chosen > 0 && chosen === picks().length;
    all.indeterminate = chosen > 0 && chosen < picks().length;
    if (count) count.textContent = chosen ? String(chosen) : "";
  };
  all.hidden = false;
  all.addEventListener("change", () => {
    picks().forEach((box) => { box.checked = all.checked; });
    update();
  });
  picks().forEach((box) => box.addEventListener("change", update));
});

// The top menu: folded behind its button on narrow screens (open without JS).
const NARROW = window.matchMedia("(max-width: 700px)");
function fitMenu() {
  for (const menu of document.querySelectorAll("[data-menu]")) menu.open = !NARROW.matches;
}
fitMenu();
NARROW.addEventListener("change", fitMenu);
