// Progressive enhancement of the editor; everything works without it.
// 1. The workload panel follows the hours and credits as they are typed.
// 2. Leaving the page with unsaved changes asks first (losing a half-hour of typing is the worst thing an editor can do).
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  var panel = document.getElementById("workload");
  if (!form || !panel) { return; }
  var perCredit = parseFloat(panel.getAttribute("data-per-credit")) || 30;

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
      var within = target > 0 && Math.abs(total - target) <= 0.1 * target;
      verdict.textContent = !target ? "Enter the credits to compare." :
        within ? "Within 10%: matches the credits." : "More than 10% off: change the hours or the credits.";
      verdict.className = within ? "ok" : "warn";
    }
    var bar = panel.querySelector("[data-bar]");
    if (bar) { var scale = Math.max(total, target, 1); bar.setAttribute("width", fmt(300 * total / scale)); }
  }

  var dirty = false;
  form.addEventListener("input", function (event) {
    dirty = true;
    if (event.target.closest(".hours") || event.target.id === "credits") { recompute(); }
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
