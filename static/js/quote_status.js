// Quote page: while a PDF renders or an email waits, ask the server every 2 s how it is
// going and show it (status badge, download link, error, retry button) without a reload.
(function () {
  "use strict";

  const box = document.querySelector("[data-status-url]");
  if (!box || box.dataset.pending !== "true") return;
  const INTERVAL = 2000;
  const GIVE_UP_AFTER = 15 * 60 * 1000;
  const started = Date.now();
  let delay = INTERVAL;

  function later() {
    window.setTimeout(poll, delay);
  }

  async function poll() {
    try {
      const response = await fetch(box.dataset.statusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (!response.ok) throw new Error("status answered " + response.status);
      const data = await response.json();
      delay = INTERVAL;
      data.revisions.forEach(update);
      if (!data.pending) return;
      if (Date.now() - started > GIVE_UP_AFTER) {
        say("Still working on it. Reload the page in a few minutes to see the result.");
        return;
      }
    } catch (error) {
      delay = Math.min(delay * 2, 30000); // the server is busy or the network dropped: slow down
    }
    later();
  }

  function say(text) {
    const note = box.querySelector("[data-status-note]");
    if (note) note.textContent = text;
  }

  function update(revision) {
    const row = box.querySelector("[data-revision='" + revision.number + "']");
    if (!row) return;
    const badge = row.querySelector("[data-pdf-status]");
    const before = badge.dataset.state || badge.className.replace(/.*\bpdf-(\w+).*/, "$1");
    badge.textContent = "PDF " + revision.pdf_status_label.toLowerCase();
    badge.className = "status pdf-" + revision.pdf_status;
    badge.dataset.state = revision.pdf_status;
    const link = row.querySelector("[data-pdf-link]");
    link.hidden = !revision.pdf_url;
    if (revision.pdf_url) link.href = revision.pdf_url;
    const meta = row.querySelector("[data-pdf-meta]");
    meta.textContent = revision.pdf_pages
      ? revision.pdf_pages + " page" + (revision.pdf_pages === 1 ? "" : "s") + ", " + kilobytes(revision.pdf_size)
      : "";
    const error = row.querySelector("[data-pdf-error]");
    error.textContent = revision.pdf_error;
    error.hidden = !revision.pdf_error;
    const retry = row.querySelector("[data-retry]");
    if (retry) retry.hidden = !revision.can_retry;
    const email = row.querySelector("[data-email-status]");
    if (email && revision.email_status_label) email.textContent = revision.email_status_label.toLowerCase();
    const emailError = row.querySelector("[data-email-error]");
    if (emailError) {
      emailError.textContent = revision.email_error;
      emailError.hidden = !revision.email_error;
    }
    const emailRetry = row.querySelector("[data-email-retry]");
    if (emailRetry) emailRetry.hidden = !revision.can_retry_email;
    if (before !== revision.pdf_status && revision.pdf_status === "ready") {
      say("The PDF of revision " + revision.number + " is ready.");
    } else if (before !== revision.pdf_status && revision.pdf_status === "failed") {
      say("The PDF of revision " + revision.number + " could not be rendered.");
    }
  }

  function kilobytes(size) {
    return size >= 1048576 ? (size / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(size / 1024)) + " KB";
  }

  later();
})();
