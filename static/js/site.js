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

// On a phone the sections scroll sideways in one line, its edges fading where more sections are
// hidden. A current section out of sight is brought into view with the section before it whole at
// the left edge (never a fragment of a word there), so that the reader sees where they are; a
// section reached with the Tab key is brought clear of the fading edges, so that its focus ring
// shows. Only the line scrolls, never the page.
document.addEventListener("DOMContentLoaded", () => {
  const line = document.querySelector(".site-nav ul");
  if (!line) return;
  // The fading edges are 0.75rem wide at the start, 2.5rem at the end (site.css).
  const rem = () => parseFloat(getComputedStyle(document.documentElement).fontSize);
  const fade = () => 2.5 * rem(), fadeBefore = () => 0.75 * rem();
  const mark = () => {
    line.toggleAttribute("data-more-before", line.scrollLeft > 0);
    line.toggleAttribute("data-more-after", line.scrollLeft + line.clientWidth < line.scrollWidth - 1);
  };
  line.addEventListener("scroll", mark, { passive: true });
  let width = window.innerWidth;
  window.addEventListener("resize", () => {
    // A phone turned, or a window widened: the line is laid out afresh (a phone's address bar coming
    // and going changes only the height, and leaves it be).
    if (window.innerWidth !== width) {
      width = window.innerWidth;
      line.style.paddingRight = "";
    }
    mark();
  });
  const current = line.querySelector("a[aria-current]");
  if (current && line.scrollWidth > line.clientWidth) {
    const box = line.getBoundingClientRect(), link = current.getBoundingClientRect();
    if (link.right > box.right - fade()) {
      // The section before it too, where both fit between the fading edges; else the current one first.
      const before = current.parentElement.previousElementSibling?.getBoundingClientRect();
      const both = before && before.width + link.width <= box.width - fade() - fadeBefore();
      const start = line.scrollLeft + (both ? before.left : link.left) - box.left;
      // Near the end the line cannot scroll that far: it is lengthened, rather than cut a word at the left.
      const short = start - (line.scrollWidth - line.clientWidth);
      if (short > 0) {
        const padding = parseFloat(getComputedStyle(line).paddingRight);
        line.style.paddingRight = `${padding + Math.ceil(short)}px`;
      }
      line.scrollLeft = start;
    }
  }
  line.addEventListener("focusin", (event) => {
    if (line.scrollWidth <= line.clientWidth) return;
    const box = line.getBoundingClientRect(), link = event.target.getBoundingClientRect();
    if (link.left < box.left + fadeBefore()) line.scrollLeft -= box.left + fadeBefore() - link.left;
    else if (link.right > box.right - fade()) line.scrollLeft += link.right - (box.right - fade());
    mark();  // now, not at the next frame's scroll event: the edges fade where there are more from the start
  });
  mark();
});
