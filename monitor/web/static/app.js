// Behaviour that used to sit in inline handlers: the page's Content-Security-Policy
// allows scripts from this site only, never inline.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) window.print();
});
