// Draws the dyad timeline with vis-timeline from the page's own API (data-src on #timeline).
// Labels are set as text, never as HTML: article-derived words cannot become markup.
(function () {
  "use strict";

  function content(item) {
    var el = document.createElement("span");
    el.textContent = item.label;
    el.title = item.title;
    el.dataset.cluster = item.id;
    el.dataset.status = item.status;
    return el;
  }

  function draw(box, items) {
    if (!items.length) {
      box.textContent = "No dated events to draw.";
      box.dataset.ready = "empty";
      return;
    }
    var byId = new Map(items.map(function (i) { return [i.id, i]; }));
    var data = new vis.DataSet(items.map(function (i) {
      var out = { id: i.id, start: i.start, type: i.type, content: content(i), className: i.className };
      if (i.end) { out.end = i.end; }
      return out;
    }));
    var timeline = new vis.Timeline(box, data, {
      stack: true,
      zoomKey: "ctrlKey",
      margin: { item: 6 },
      maxHeight: 520,
      showTooltips: false,
      orientation: { axis: "bottom" }
    });
    timeline.on("select", function (props) {
      var item = byId.get(props.items[0]);
      if (item) { window.location.assign(item.url); }
    });
    box.dataset.ready = "true";
  }

  var box = document.getElementById("timeline");
  if (!box || typeof vis === "undefined") { return; }
  box.textContent = "";
  fetch(box.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) {
      if (!r.ok) { throw new Error("the server answered " + r.status); }
      return r.json();
    })
    .then(function (page) { draw(box, page.items); })
    .catch(function (err) {
      box.textContent = "Could not draw the timeline: " + err.message;
      box.dataset.ready = "error";
    });
})();
