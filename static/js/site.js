// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

document.addEventListener("change", (event) => {
  // Sort menus submit on change; their button is hidden when JavaScript runs.
  if (event.target.matches("select[data-autosubmit]")) {
    event.target.form.requestSubmit();
  }
});

// On wide screens the filter panel is a sidebar and stays open.
const wide = window.matchMedia("(min-width: 1040px)");
function syncFilterPanels() {
  document.querySelectorAll("details[data-open-wide]").forEach((panel) => {
    if (wide.matches) panel.open = true;
  });
}
wide.addEventListener("change", syncFilterPanels);
document.addEventListener("DOMContentLoaded", syncFilterPanels);
