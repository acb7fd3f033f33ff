// On narrow screens a list's filter form starts folded, so the results come first (the filters in
// use show above them as chips); it stays open when a filter is wrong. On wide screens it is always open and its summary
// is no tab stop. Empty fields are left out of the address, so shared links stay short.
// Without JavaScript the form is always open and works the same.
document.addEventListener("DOMContentLoaded", () => {
  const narrow = window.matchMedia("(max-width: 55.99rem)");
  for (const details of document.querySelectorAll("details[data-collapse-narrow]")) {
    const summary = details.querySelector("summary");
    const arrange = () => {
      if (narrow.matches) {
        summary.removeAttribute("tabindex");
        if (!details.hasAttribute("data-keep-open")) details.open = false;
      } else {
        summary.setAttribute("tabindex", "-1");
        details.open = true;
      }
    };
    arrange();
    narrow.addEventListener("change", arrange);
    details.addEventListener("toggle", () => { if (!narrow.matches) details.open = true; });
    // On a phone, "Show 46 results" folds the form again and takes the reader to the results. Its
    // count is for the filters in use: once the reader changes one, it applies the form instead,
    // so it stands in for "Apply" there (two buttons that did the same would leave a reader wondering).
    const show = details.querySelector("[data-close-filters]");
    const form = details.querySelector("form");
    const apply = form.querySelector(".filters__actions [type=submit]");
    if (show) {
      const place = () => {
        show.hidden = !narrow.matches;
        apply.hidden = narrow.matches;
      };
      place();
      narrow.addEventListener("change", place);
      let changed = false;
      // "input" too: words typed in the search box count before the box loses focus.
      for (const event of ["change", "input"]) {
        form.addEventListener(event, () => {
          changed = true;
          show.textContent = show.dataset.applyLabel;
        });
      }
      show.addEventListener("click", () => {
        if (changed) {
          form.requestSubmit();
          return;
        }
        details.open = false;
        const results = document.querySelector(".results-count");
        if (results) {
          results.setAttribute("tabindex", "-1");
          results.focus();
        }
      });
    }
    form.addEventListener("submit", (event) => {
      for (const field of event.target.elements) {
        if (field.name && field.value === "") field.disabled = true;
      }
    });
  }
});

// On a phone the sections scroll sideways in one line: a current one out of sight (or under the
// line's fading end) is brought to its middle, so that the reader sees where they are. Only the
// line scrolls, never the page.
document.addEventListener("DOMContentLoaded", () => {
  const current = document.querySelector(".site-nav a[aria-current]");
  const line = current && current.closest("ul");
  if (!line || line.scrollWidth <= line.clientWidth) return;
  const box = line.getBoundingClientRect(), link = current.getBoundingClientRect();
  const fade = parseFloat(getComputedStyle(line).paddingRight);
  if (link.right > box.right - fade) {
    line.scrollLeft += link.left - box.left - (box.width - link.width) / 2;
  }
});
