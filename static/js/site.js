// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

document.addEventListener("change", (event) => {
  // Sort menus submit on change; their button is hidden when JavaScript runs.
  if (event.target.matches("select[data-autosubmit]")) {
    event.target.form.requestSubmit();
    return;
  }
  // Filters apply as soon as one changes (a number when the buyer leaves the field or presses
  // Enter); the "Apply filters" button stays for browsers without JavaScript and as a visible control.
  const form = event.target.form;
  if (form && form.matches("form[data-apply-on-change]") && event.target.checkValidity()) {
    form.requestSubmit();
  }
});

// A wide table scrolls inside its box; the hint above it shows only when it actually overflows.
function markOverflowingTables() {
  document.querySelectorAll(".table-wrap").forEach((wrap) => {
    const scroller = wrap.querySelector(".table-scroll");
    if (scroller) wrap.classList.toggle("overflows", scroller.scrollWidth > scroller.clientWidth + 1);
  });
}
document.addEventListener("DOMContentLoaded", markOverflowingTables);
window.addEventListener("resize", markOverflowingTables);

// On wide screens the filter panel is a sidebar and stays open.
const wide = window.matchMedia("(min-width: 1040px)");
function syncFilterPanels() {
  document.querySelectorAll("details[data-open-wide]").forEach((panel) => {
    if (wide.matches) panel.open = true;
  });
}
wide.addEventListener("change", syncFilterPanels);
document.addEventListener("DOMContentLoaded", syncFilterPanels);
