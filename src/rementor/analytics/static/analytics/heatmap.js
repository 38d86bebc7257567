/* Draws the needs heat map (skill x department) from the JSON the page embeds with
   Django's json_script. Loaded after chart.umd.js and chartjs-chart-matrix (which registers
   the "matrix" chart type). No inline script or style: the page works under a strict
   Content-Security-Policy. Colours come from the CSS custom properties of heatmap.css, so the
   chart and the table use the same palette. */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return name in values ? String(values[name]) : match;
    });
  }

  function draw() {
    var source = document.getElementById("needs-heatmap-data");
    var canvas = document.getElementById("needs-heatmap-chart");
    if (!source || !canvas || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var styles = window.getComputedStyle(document.documentElement);
    var palette = [0, 1, 2, 3, 4].map(function (bucket) {
      return styles.getPropertyValue("--rm-heat-" + bucket).trim() || "#999";
    });
    var number = new Intl.NumberFormat(document.documentElement.lang || undefined, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    // One band per department; the CSSOM (not a style attribute) is allowed under CSP.
    canvas.parentElement.style.height = Math.max(160, 44 * data.y.length + 140) + "px";

    new window.Chart(canvas, {
      type: "matrix",
      data: {
        datasets: [
          {
            label: data.text.label,
            data: data.points,
            backgroundColor: function (context) {
              var point = context.dataset.data[context.dataIndex];
              return point ? palette[point.b] : "transparent";
            },
            borderColor: "#ffffff",
            borderWidth: 1,
            width: function (context) {
              var area = context.chart.chartArea;
              return area ? area.width / data.x.length - 2 : 0;
            },
            height: function (context) {
              var area = context.chart.chartArea;
              return area ? area.height / data.y.length - 2 : 0;
            },
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: {
            type: "category",
            labels: data.x,
            offset: true,
            position: "top",
            grid: { display: false },
            ticks: { autoSkip: false, maxRotation: 60 },
            title: { display: true, text: data.text.x },
          },
          y: {
            type: "category",
            labels: data.y,
            offset: true,
            // The matrix chart defaults to bottom-up; keep the table's order, first row on top.
            reverse: false,
            grid: { display: false },
            ticks: { autoSkip: false },
            title: { display: true, text: data.text.y },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: function (items) {
                var point = items[0].raw;
                return point.y + " — " + point.x;
              },
              label: function (item) {
                var point = item.raw;
                return [
                  fill(data.text.value, { value: number.format(point.v) }),
                  fill(data.text.people, { n: point.n }),
                ];
              },
            },
          },
        },
      },
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
