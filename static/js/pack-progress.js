// Pack progress: poll the job's status and update the progress bar; reload when the pack is done
// (the server-rendered page then shows the download link). Without JS, a <noscript> refresh does it.
(function () {
  "use strict";
  var box = document.getElementById("pack-job");
  if (!box || box.dataset.finished === "yes") { return; }
  var bar = document.getElementById("pack-progress");
  var text = document.getElementById("pack-progress-text");
  function poll() {
    fetch(box.dataset.statusUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        bar.max = job.total || 1;
        bar.value = job.done;
        if (job.finished) { window.location.reload(); return; }
        text.textContent = job.status === "queued" && job.note ? job.note
          : job.done + " of " + job.total + " syllabi ready. This page updates by itself.";
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 500);
})();
