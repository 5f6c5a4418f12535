// ecsd's console: relative times, live parts of a page, confirmations and charts. No framework, no inline code
// (the pages' Content-Security-Policy allows scripts from this server's files only).
(function () {
  'use strict';

  var UNITS = [['year', 31536000], ['month', 2592000], ['day', 86400], ['h', 3600], ['min', 60], ['s', 1]];

  function relative(date) {
    var seconds = Math.round((Date.now() - date.getTime()) / 1000);
    var future = seconds < 0;
    seconds = Math.abs(seconds);
    if (seconds < 5) {
      return 'just now';
    }
    for (var i = 0; i < UNITS.length; i++) {
      var size = UNITS[i][1];
      if (seconds >= size) {
        var n = Math.floor(seconds / size);
        var unit = UNITS[i][0];
        var label = n + ' ' + (unit.length > 3 && n > 1 ? unit + 's' : unit);
        return future ? 'in ' + label : label + ' ago';
      }
    }
    return 'just now';
  }

  function refreshTimes(root) {
    var times = (root || document).querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      var at = new Date(times[i].getAttribute('datetime'));
      if (!isNaN(at.getTime())) {
        times[i].textContent = relative(at);
      }
    }
  }

  function partUrl(name) {
    var url = new URL(window.location.href);
    url.searchParams.delete('done');
    url.searchParams.delete('error');
    url.searchParams.delete('flash');
    url.searchParams.set('part', name);
    return url.toString();
  }

  function busy(element) {
    var active = document.activeElement;
    return active && active !== document.body && element.contains(active)
        && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(active.tagName);
  }

  function poll(element) {
    var name = element.getAttribute('data-live');
    var every = parseInt(element.getAttribute('data-interval') || '2000', 10);
    var last = null;
    function tick() {
      if (document.hidden || busy(element)) {
        window.setTimeout(tick, every);
        return;
      }
      fetch(partUrl(name), {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
        .then(function (response) {
          if (response.status === 401) {
            window.location.reload();
            return null;
          }
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html !== null && html !== last) {
            var follow = element.hasAttribute('data-follow')
                && element.scrollTop + element.clientHeight >= element.scrollHeight - 8;
            last = html;
            element.innerHTML = html;
            refreshTimes(element);
            drawCharts(element);
            if (follow) {
              element.scrollTop = element.scrollHeight;
            }
            element.setAttribute('data-updated', String(Date.now()));
          }
        })
        .catch(function () { /* the server is away: try again on the next tick */ })
        .then(function () { window.setTimeout(tick, every); });
    }
    window.setTimeout(tick, every);
  }

  function drawCharts(root) {
    if (!window.uPlot) {
      return;
    }
    var charts = (root || document).querySelectorAll('[data-chart]');
    for (var i = 0; i < charts.length; i++) {
      drawChart(charts[i]);
    }
  }

  function drawChart(element) {
    var data;
    try {
      data = JSON.parse(element.getAttribute('data-chart'));
    } catch (e) {
      return;
    }
    element.innerHTML = '';
    if (!data.timestamps || data.timestamps.length === 0) {
      element.textContent = element.getAttribute('data-empty') || 'No data points in the last hour yet.';
      return;
    }
    var colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];
    var series = [{}];
    var columns = [data.timestamps];
    for (var i = 0; i < data.series.length; i++) {
      series.push({label: data.series[i].label, stroke: colors[i % colors.length], width: 2,
        value: function (u, v) { return v == null ? '—' : v.toFixed(1) + ' %'; }});
      columns.push(data.series[i].values);
    }
    var width = Math.max(320, element.clientWidth || 640);
    new window.uPlot({width: width, height: 200, series: series,
      axes: [{}, {values: function (u, ticks) { return ticks.map(function (t) { return t + ' %'; }); }}],
      scales: {x: data.from && data.to ? {time: true, range: [data.from, data.to]} : {time: true},
        y: {range: [0, Math.max(100, data.max || 0)]}}}, columns, element);
  }

  document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    refreshTimes(document);
    drawCharts(document);
    var live = document.querySelectorAll('[data-live]');
    for (var i = 0; i < live.length; i++) {
      poll(live[i]);
    }
    var follows = document.querySelectorAll('[data-follow]');
    for (var j = 0; j < follows.length; j++) {
      follows[j].scrollTop = follows[j].scrollHeight;
    }
    window.setInterval(function () { refreshTimes(document); }, 15000);
  });
}());
