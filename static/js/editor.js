// Progressive enhancement of the editor; everything works without it.
// 1. The workload panel follows the hours and credits as they are typed.
// 2. Leaving the page with unsaved changes asks first (losing a half-hour of typing is the worst thing an editor can do).
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  var panel = document.getElementById("workload");
  if (!form || !panel) { return; }
  var perCredit = parseFloat(panel.getAttribute("data-per-credit")) || 30;
  var tolerance = parseFloat(panel.getAttribute("data-tolerance")) || 0.1;
  var pct = Math.round(tolerance * 100) + "%";

  function num(value) { var n = parseFloat(String(value || "").replace(",", ".")); return isFinite(n) ? n : 0; }
  function fmt(n) { return (Math.round(n * 10) / 10).toString(); }

  function recompute() {
    var total = 0;
    form.querySelectorAll(".hours input").forEach(function (input) { total += num(input.value); });
    var credits = num((document.getElementById("credits") || {}).value);
    var target = credits * perCredit;
    panel.querySelector("[data-total]").textContent = fmt(total);
    var targetEl = panel.querySelector("[data-target]");
    if (targetEl) { targetEl.textContent = target ? fmt(target) : ""; }
    var verdict = panel.querySelector("[data-verdict]");
    if (verdict) {
      var within = target > 0 && Math.abs(total - target) <= tolerance * target;
      verdict.textContent = !target ? "Enter the credits to compare." :
        within ? "Within " + pct + ": matches the credits." : "More than " + pct + " off: change the hours or the credits.";
      verdict.className = within ? "ok" : "warn";
    }
    var bar = panel.querySelector("[data-bar]");
    if (bar) { var scale = Math.max(total, target, 1); bar.setAttribute("width", fmt(300 * total / scale)); }
  }

  // 3. The outcome boxes of activities, assessments and resources follow the outcomes as they are written,
  //    so a new outcome can be ticked at once (without JavaScript it appears after Save or Add).
  function writtenOutcomes() {
    var ids = [];
    form.querySelectorAll("#outcomes-rows fieldset.row").forEach(function (row) {
      var id = row.querySelector("input[name$='-id']");
      var text = row.querySelector("textarea[name$='-text']");
      if (id && id.value.trim() && text && text.value.trim() && ids.indexOf(id.value.trim()) < 0) {
        ids.push(id.value.trim());
      }
    });
    return ids;
  }

  function refreshMappings() {
    var ids = writtenOutcomes();
    form.querySelectorAll("fieldset.checkboxes[id$='-outcomes']").forEach(function (box) {
      var list = box.querySelector(".checkbox-list");
      if (!list) { return; }
      var checked = {};
      list.querySelectorAll("input:checked").forEach(function (input) { checked[input.value] = true; });
      var current = Array.prototype.map.call(list.querySelectorAll("input"), function (i) { return i.value; });
      if (current.join("|") === ids.join("|")) { return; }
      list.textContent = "";
      ids.forEach(function (id, index) {
        var item = document.createElement("li");
        var input = document.createElement("input");
        input.type = "checkbox"; input.name = box.id; input.value = id; input.id = box.id + "-" + index;
        input.checked = !!checked[id];
        var label = document.createElement("label");
        label.htmlFor = input.id; label.textContent = id;
        item.appendChild(input); item.appendChild(document.createTextNode(" ")); item.appendChild(label);
        list.appendChild(item);
      });
      var hint = box.querySelector(".no-choices");
      if (hint) { hint.hidden = ids.length > 0; }
    });
  }

  // 4. After a refused save, take keyboard and screen-reader users straight to the list of problems.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  var dirty = false;
  form.addEventListener("input", function (event) {
    dirty = true;
    if (event.target.closest(".hours") || event.target.id === "credits") { recompute(); }
    if (event.target.closest("#outcomes-rows")) { refreshMappings(); }
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (event) {
      if (!window.confirm(f.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
})();
