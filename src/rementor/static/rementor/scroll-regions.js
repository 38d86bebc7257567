// A table wider than the window scrolls inside its .table-responsive box. Keyboard users can
// only scroll a box they can focus, so such a box joins the tab order, named after its
// table's caption; a box that fits adds no tab stop (WCAG 2.1.1).
let captionCount = 0;

function markScrollRegions() {
  for (const box of document.querySelectorAll(".table-responsive")) {
    const scrolls = box.scrollWidth > box.clientWidth;
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.tabIndex = 0;
      box.dataset.scrollRegion = "";
      const caption = box.querySelector("caption");
      if (caption) {
        caption.id ||= `scroll-region-caption-${++captionCount}`;
        box.setAttribute("role", "region");
        box.setAttribute("aria-labelledby", caption.id);
      }
    } else if (!scrolls && box.hasAttribute("data-scroll-region")) {
      for (const name of ["tabindex", "role", "aria-labelledby", "data-scroll-region"]) {
        box.removeAttribute(name);
      }
    }
  }
}

markScrollRegions();
window.addEventListener("resize", markScrollRegions);
document.addEventListener("htmx:afterSettle", markScrollRegions);
