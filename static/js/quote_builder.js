// Quote editor: totals recomputed by the server as the salesperson types, the options of a
// newly chosen device, and lines added in place. The form works without this file (its
// "Add a line" and "Update totals" buttons post the form); prices are never computed here.
(function () {
  "use strict";

  const form = document.querySelector("form.quote-editor");
  if (!form) return;
  const list = form.querySelector("#quote-lines");
  const template = document.getElementById("line-template");
  const totalForms = form.querySelector("input[name='lines-TOTAL_FORMS']");
  const maxForms = Number(form.querySelector("input[name='lines-MAX_NUM_FORMS']").value || 200);
  const csrf = form.querySelector("input[name='csrfmiddlewaretoken']").value;
  const headers = { "X-CSRFToken": csrf, "X-Requested-With": "fetch", Accept: "application/json" };
  let timer = null;
  let latest = 0;
  let inflight = null;

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(preview, delay === undefined ? 300 : delay);
  }

  async function preview() {
    const ticket = ++latest;
    if (inflight) inflight.abort();
    inflight = new AbortController();
    form.classList.add("is-pricing");
    try {
      const response = await fetch(form.dataset.previewUrl, {
        method: "POST",
        body: new FormData(form),
        headers: headers,
        credentials: "same-origin",
        signal: inflight.signal,
      });
      if (!response.ok) throw new Error("preview answered " + response.status);
      const data = await response.json();
      if (ticket === latest) show(data);
    } catch (error) {
      if (error.name === "AbortError") return;
      note("The totals could not be updated just now; they are computed again when you save.");
    } finally {
      if (ticket === latest) form.classList.remove("is-pricing");
    }
  }

  function note(text) {
    const element = form.querySelector("[data-totals-note]");
    if (element) element.textContent = text;
  }

  function show(data) {
    list.querySelectorAll("[data-line]").forEach((line) => {
      const amount = line.querySelector("[data-line-amount]");
      const running = line.querySelector("[data-line-running]");
      const info = data.lines[line.dataset.line];
      amount.replaceChildren();
      if (running) running.textContent = info && info.running ? runningText(info.running) : "";
      if (!info || line.classList.contains("is-removed")) return;
      if (info.problem) {
        amount.append(span("line-problem", info.problem));
        return;
      }
      const detail = info.quantity + " × " + info.unit_price + (info.has_discount ? " − " + info.discount : "") + " =";
      amount.append(span("muted", detail), " ", element("strong", info.net));
    });
    const totals = data.totals;
    form.querySelector("[data-currency]").textContent = data.currency || "";
    form.querySelectorAll("[data-total]").forEach((cell) => {
      const key = cell.dataset.total;
      if (!totals) cell.textContent = key === "tax_rate" ? "0" : "—";
      else cell.textContent = (key === "discount" ? "−" : "") + totals[key];
    });
    const unpriced = Object.values(data.lines).some((line) => line.problem);
    if (!totals) note("Fix the currency, freight or tax rate to see totals.");
    else if (unpriced) note("Lines without a price are not in the totals yet.");
    else note("");
    const approval = form.querySelector("[data-approval-note]");
    if (approval) approval.hidden = !data.needs_approval;
  }

  // The same words as templates/quotes/includes/line_running.html; the numbers come from the server.
  function runningText(running) {
    let text = "Consumables " + running.consumables_per_treatment + " a treatment, " +
      running.consumables_year + " in 12 months";
    if (running.price_per_treatment) {
      const months = running.payback_months;
      text += " · at " + running.price_per_treatment + " a treatment: " +
        (months ? "payback in about " + months + " month" + (months === 1 ? "" : "s") : "no payback");
    }
    return text;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = text;
    return node;
  }

  function span(className, text) {
    return element("span", text, className);
  }

  // A new device on a line: show its options (included ones ticked) and its prices.
  async function deviceChanged(select) {
    const line = select.closest("[data-line]");
    const box = line.querySelector("[data-options]");
    const hint = line.querySelector("[data-device-price]");
    const prefix = line.dataset.line;
    if (!select.value) {
      box.replaceChildren(element("p", "Choose a device to see its options and accessories.", "muted small"));
      hint.textContent = "";
      schedule(0);
      return;
    }
    const url = form.dataset.optionsUrl.replace("/0/", "/" + encodeURIComponent(select.value) + "/");
    try {
      const response = await fetch(url, { headers: headers, credentials: "same-origin" });
      if (!response.ok) throw new Error("options answered " + response.status);
      const data = await response.json();
      if (select.value !== String(data.device.id)) return; // changed again meanwhile
      hint.textContent = data.device.price_hint;
      if (!data.options.length) {
        box.replaceChildren(element("p", "This device has no options.", "muted small"));
      } else {
        const ul = element("ul", "", "check-list option-checks");
        data.options.forEach((option, index) => {
          const id = "id_" + prefix + "-options_" + index;
          const input = document.createElement("input");
          Object.assign(input, { type: "checkbox", name: prefix + "-options", value: option.id, id: id });
          input.checked = option.included;
          const label = element("label", "", "check");
          label.htmlFor = id;
          const text = span("", option.name);
          if (option.price) text.append(" ", span("option-price", option.price));
          label.append(input, " ", text);
          const li = document.createElement("li");
          li.append(label);
          ul.append(li);
        });
        box.replaceChildren(ul);
      }
    } catch (error) {
      box.replaceChildren(element("p", "The options could not be loaded; press “Update totals” or save to see them.", "muted small"));
    }
    schedule(0);
  }

  function renumber() {
    list.querySelectorAll("[data-line-number]").forEach((number, index) => {
      number.textContent = String(index + 1);
    });
  }

  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[name='add_line']");
    if (!button || !template) return;
    event.preventDefault();
    const index = Number(totalForms.value);
    if (index >= maxForms) return;
    list.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll("__prefix__", String(index)));
    totalForms.value = String(index + 1);
    renumber();
    list.lastElementChild.querySelector("select").focus();
  });

  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target.matches("select[name$='-device']")) {
      deviceChanged(target);
      return;
    }
    if (target.matches("input[name$='-DELETE']")) {
      target.closest("[data-line]").classList.toggle("is-removed", target.checked);
    }
    schedule(0);
  });
  form.addEventListener("input", (event) => {
    if (event.target.matches("input, textarea")) schedule();
  });
})();
