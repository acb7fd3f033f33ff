// On narrow screens a list's filter form starts folded, so the results come first;
// it stays open when filters are in use or wrong. Without JavaScript it is always open.
document.addEventListener("DOMContentLoaded", () => {
  const narrow = window.matchMedia("(max-width: 55.99rem)");
  for (const details of document.querySelectorAll("details[data-collapse-narrow]")) {
    if (narrow.matches && !details.hasAttribute("data-keep-open")) details.open = false;
    if (!narrow.matches) details.addEventListener("toggle", () => { details.open = true; });
  }
});
