// Progressive enhancement of the editor; everything works without it.
// 1. The workload panel follows the hours and credits as they are typed.
// 2. Leaving the page with unsaved changes asks first (losing a half-hour of typing is the worst thing an editor can do).
// 5. A copy of what is on screen is kept on the server after a few idle seconds of typing (designs.autosave),
//    never as a revision; the editor offers it back when it opens.
// 6. Save and Check my draft remember where the person is, so the page comes back there.
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

  // Pages drawn from a post (after a row button, a check, a refused save) show unsaved typing from the start.
  var dirty = form.getAttribute("data-unsaved") === "1";
  var status = document.getElementById("save-status");
  var autosaveUrl = form.getAttribute("data-autosave");
  var timer = null, inFlight = false, again = false;

  function say(text, ok) {
    if (!status) { return; }
    status.textContent = text;
    status.className = "save-status" + (ok ? "" : " warn");
  }

  var pending = false;  // typed since the last copy was sent

  function keepCopy() {
    timer = null;
    pending = false;
    if (inFlight) { again = true; return; }  // one request at a time; the newest typing goes next
    inFlight = true;
    fetch(autosaveUrl, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (data) { say(data.message || "", response.ok); },
          function () { throw new Error("not JSON"); });
      })
      .catch(function () {
        say("No copy could be kept just now (offline, or your session ended). What you typed is still on " +
            "this page: press Save draft.", false);
      })
      .then(function () { inFlight = false; if (again) { again = false; keepCopy(); } });
  }

  function typed() {
    dirty = true;
    if (!autosaveUrl) { return; }
    if (document.getElementById("autosave-offer")) {  // never overwrite the copy still on offer
      say("Restore or discard the copy above first: until then, what you type now is not kept automatically.",
          false);
      return;
    }
    pending = true;
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(keepCopy, 2500);
  }

  // Leaving before the idle pause is over (the person chose to leave anyway): send the last typing too.
  window.addEventListener("pagehide", function () {
    if (pending && autosaveUrl && navigator.sendBeacon) {
      navigator.sendBeacon(autosaveUrl, new FormData(form));
      pending = false;
    }
  });

  // Where the person is: the row or section of the field they last typed in, if it is on screen; else the
  // last section or row that starts above the bottom of the sticky save bar.
  var lastField = null;
  form.addEventListener("focusin", function (event) {
    if (event.target.matches("input:not([type=hidden]), select, textarea")) { lastField = event.target; }
  });

  function place() {
    var bar = document.getElementById("savebar");
    var line = (bar ? bar.getBoundingClientRect().bottom : 0) + 8;
    if (lastField) {
      var box = lastField.getBoundingClientRect();
      var holder = lastField.closest("fieldset.row[id], #editor-form > section[id]");
      if (holder && box.bottom > line && box.top < window.innerHeight) { return holder.id; }
    }
    var here = "";
    form.querySelectorAll(":scope > section[id]:not(.panel), fieldset.row[id]").forEach(function (el) {
      var box = el.getBoundingClientRect();
      if (box.top <= line && box.bottom > line) { here = el.id; }
    });
    return here;
  }

  form.addEventListener("input", function (event) {
    typed();
    if (event.target.closest(".hours") || event.target.id === "credits") { recompute(); }
    if (event.target.closest("#outcomes-rows")) { refreshMappings(); }
  });
  form.addEventListener("change", typed);
  form.addEventListener("submit", function () {
    dirty = false;
    pending = false;  // the post itself carries the typing (and keeps it, even if the session ended)
    if (timer) { clearTimeout(timer); timer = null; }
    var at = document.getElementById("editor-at");
    if (at) { at.value = place(); }
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (event) {
      if (!window.confirm(f.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
})();
