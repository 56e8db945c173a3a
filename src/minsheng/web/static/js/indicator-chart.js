/* The indicator chart: baseline → observations → target, with the expected linear path.
   Reads its numbers from <script id="indicator-chart-data"> and its Chinese labels from the
   container's data-label-* attributes, so no page text lives here. */
(function () {
  "use strict";
  var container = document.getElementById("indicator-chart");
  var source = document.getElementById("indicator-chart-data");
  if (!container || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var text = container.dataset;
  var unit = data.unit ? "（" + data.unit + "）" : "";

  function targetLines() {
    var lines = [{ yAxis: data.target.low, name: data.target.high === null ? text.labelTarget : text.labelLow }];
    if (data.target.high !== null) lines.push({ yAxis: data.target.high, name: text.labelHigh });
    return {
      silent: true, symbol: "none",
      lineStyle: { color: "#b42318", type: "solid", width: 2 },
      label: { formatter: "{b}：{c}", position: "insideEndTop" },
      data: lines
    };
  }

  function band() {
    if (data.target.high === null) return undefined;
    return { silent: true, itemStyle: { color: "rgba(26,127,55,0.10)" },
             data: [[{ yAxis: data.target.low }, { yAxis: data.target.high }]] };
  }

  var observed = data.observed.slice();
  if (data.baseline) observed.unshift(data.baseline);
  var series = [
    { name: text.labelObserved, type: "line", data: observed, symbolSize: 8,
      lineStyle: { color: "#0b5cad", width: 3 }, itemStyle: { color: "#0b5cad" },
      markLine: targetLines(), markArea: band() },
    { name: text.labelPath, type: "line", data: data.path, symbol: "none",
      lineStyle: { type: "dashed", color: "#57606a", width: 2 }, itemStyle: { color: "#57606a" } }
  ];
  if (data.baseline) {
    series.push({ name: text.labelBaseline, type: "scatter", data: [data.baseline], symbolSize: 14,
                  itemStyle: { color: "#8a6100" }, z: 5 });
  }
  var values = observed.map(function (p) { return p[1]; })
    .concat(data.path.map(function (p) { return p[1]; }))
    .concat([data.target.low, data.target.high]).filter(function (v) { return v !== null; });
  var low = Math.min.apply(null, values), high = Math.max.apply(null, values);
  var pad = (high - low) * 0.15 || Math.abs(high) * 0.05 || 1;
  var ticks = niceTicks(low - pad, high + pad);

  /* Axis bounds on whole steps of a 1-2-5 interval: the chart must show the target lines,
     which ECharts leaves out of its own extent, and bounds off the steps would print
     their labels over the neighbouring ticks (94.5 over 94). */
  function niceTicks(from, to) {
    var raw = (to - from) / 5, size = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) { return m * size; })
      .filter(function (s) { return s >= raw; })[0];
    var digits = Math.max(0, -Math.floor(Math.log10(step)));
    function on(k) { return Number((k * step).toFixed(digits)); }
    return { min: on(Math.floor(from / step)), max: on(Math.ceil(to / step)), interval: step };
  }

  var chart = echarts.init(container, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    color: ["#0b5cad", "#57606a", "#8a6100"],
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: [text.labelObserved, text.labelPath, text.labelBaseline] },
    grid: { left: 60, right: 90, top: 64, bottom: 40 },  // room for the legend above the unit
    xAxis: { type: "value", min: data.baseYear, max: data.targetYear, interval: 1,
             name: text.labelYear, axisLabel: { formatter: function (year) { return String(year); } } },
    yAxis: { type: "value", name: unit, scale: true,
             min: ticks.min, max: ticks.max, interval: ticks.interval },
    series: series,
    graphic: data.sample ? [{ type: "text", right: 8, bottom: 4, silent: true,
                              style: { text: text.labelSample, fill: "#8a6100", fontSize: 13 } }] : []
  });
  window.addEventListener("resize", function () { chart.resize(); });
  window.addEventListener("beforeprint", function () { chart.resize(); });
})();
