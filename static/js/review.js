// Progressive enhancement of the review page; the form works without it.
// While the reviewer types, a draft of the form is kept on the server every few seconds of idle typing
// (never as the review itself), so a closed tab or a lost connection does not lose six ratings and comments.
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  if (!form || !form.getAttribute("data-autosave")) { return; }
  var status = document.getElementById("review-autosave");
  var timer = null;
  var dirty = false;

  function say(text) { if (status) { status.textContent = text; } }

  function saveDraft() {
    timer = null;
    var body = new FormData(form);
    fetch(form.getAttribute("data-autosave"), { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { return response.json().then(function (data) { return [response, data]; }); })
      .then(function (pair) { say(pair[1].message || ""); })
      .catch(function () { say("Could not keep a draft just now (offline?); your typing is still on this page."); });
  }

  function changed() {
    dirty = true;
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(saveDraft, 2000);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // The decision controls live outside the form element but belong to it (form="review-form").
  document.querySelectorAll("[form='review-form']").forEach(function (el) { el.addEventListener("input", changed); });
  form.addEventListener("submit", function () { dirty = false; if (timer) { clearTimeout(timer); } });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
