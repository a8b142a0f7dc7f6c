// Poll an ingest job's progress and update the page; stops when the job is done or failed.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) return;
  var jobId = box.dataset.job;

  function fill(list, items, make) {
    list.replaceChildren();
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.appendChild(make(item));
      list.appendChild(li);
    });
  }

  function show(job) {
    document.getElementById("job-phase").textContent = job.phase;
    var bar = document.getElementById("job-progress");
    bar.max = Math.max(job.articles, 1);
    bar.value = job.phase === "done" ? bar.max : job.analysed;
    document.getElementById("job-counts").textContent =
      job.analysed + " of " + job.articles + " articles analysed, " + job.stored + " stored, " + job.skipped + " already stored";
    fill(document.getElementById("job-errors"), job.errors, function (text) {
      return document.createTextNode(text);
    });
    fill(document.getElementById("job-stories"), job.stories, function (story) {
      var a = document.createElement("a");
      a.href = "/stories/" + encodeURIComponent(story);
      a.textContent = "story " + story;
      return a;
    });
  }

  function poll() {
    fetch("/api/ingest/" + encodeURIComponent(jobId))
      .then(function (response) {
        return response.json();
      })
      .then(function (job) {
        show(job);
        if (job.phase !== "done" && job.phase !== "failed") setTimeout(poll, 700);
      })
      .catch(function () {
        setTimeout(poll, 2000);
      });
  }
  poll();
})();
