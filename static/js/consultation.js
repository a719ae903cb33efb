// Consultation form: carry the campaign (UTM) parameters of the page a buyer landed on
// to the form, even after browsing a few pages. Without JavaScript the form still records
// the parameters of the page it is on.
(function () {
  const KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];
  const STORE = "consultation-utm";
  const params = new URLSearchParams(window.location.search);
  try {
    if (KEYS.some((key) => params.get(key))) {
      const found = {};
      KEYS.forEach((key) => { if (params.get(key)) found[key] = params.get(key).slice(0, 200); });
      sessionStorage.setItem(STORE, JSON.stringify(found));
    }
    const saved = JSON.parse(sessionStorage.getItem(STORE) || "{}");
    document.querySelectorAll("form.consult-form").forEach((form) => {
      KEYS.forEach((key) => {
        const input = form.elements[key];
        if (input && !input.value && saved[key]) input.value = saved[key];
      });
    });
  } catch (error) {
    // Storage may be disabled; the server-side values stand.
  }

  // After a failed submit, bring the first field in error into view.
  document.addEventListener("DOMContentLoaded", () => {
    const invalid = document.querySelector('.consult-form [aria-invalid="true"], .consult-form .has-error input');
    if (invalid) invalid.focus({ preventScroll: false });
  });
})();
