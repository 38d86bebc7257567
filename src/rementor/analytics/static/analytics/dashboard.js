/* Draws the results charts (manager dashboard and sponsor view) from the JSON the page
   embeds with Django's json_script (id "results-data"). Each <canvas data-chart="name">
   gets the chart of that name. Hidden figures arrive as null and are simply not drawn; every
   figure is also in the table beside its chart. No inline script or style: the page works
   under a strict Content-Security-Policy. Loaded after chart.umd.js. */
(function () {
  "use strict";

  // Colour-blind-safe palette (Okabe-Ito), in dataset order.
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

  function bar(labels, datasets, options) {
    options = options || {};
    return {
      type: "bar",
      data: {
        labels: labels,
        datasets: datasets.map(function (dataset, index) {
          return {
            label: dataset.label,
            data: dataset.data,
            backgroundColor: dataset.colour || PALETTE[index % PALETTE.length],
          };
        }),
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        indexAxis: options.horizontal ? "y" : "x",
        scales: {
          x: { beginAtZero: true, suggestedMax: options.horizontal ? options.max : undefined,
               min: options.horizontal ? options.min : undefined },
          y: { beginAtZero: true, suggestedMax: options.horizontal ? undefined : options.max,
               min: options.horizontal ? undefined : options.min },
        },
        plugins: { legend: { display: datasets.length > 1 } },
      },
    };
  }

  var BUILDERS = {
    funnel: function (data) {
      return bar(data.funnel.labels, data.funnel.datasets);
    },
    health: function (data) {
      var colours = { on_track: PALETTE[2], at_risk: PALETTE[5], paused: PALETTE[1],
                      completed: PALETTE[0], ended: "#999999" };
      var config = bar(data.health.labels, [{ label: "", data: data.health.data }]);
      config.data.datasets[0].backgroundColor = data.health.keys.map(function (key) {
        return colours[key] || PALETTE[0];
      });
      return config;
    },
    skills: function (data) {
      return bar(data.skills.labels, data.skills.datasets, { max: 4 });
    },
    departments: function (data) {
      return bar(data.departments.labels,
                 [{ label: data.departments.label, data: data.departments.data }],
                 { horizontal: true, max: 100 });
    },
    growth: function (data) {
      return bar(data.growth.labels, data.growth.datasets, { max: 100 });
    },
    nps: function (data) {
      return bar(data.nps.labels, data.nps.datasets, { min: -100, max: 100 });
    },
    ideas: function (data) {
      return bar(data.ideas.labels, [{ label: data.ideas.label, data: data.ideas.data }],
                 { horizontal: true });
    },
  };

  function draw() {
    var source = document.getElementById("results-data");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var build = BUILDERS[canvas.getAttribute("data-chart")];
      if (build) {
        new window.Chart(canvas, build(data));
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
