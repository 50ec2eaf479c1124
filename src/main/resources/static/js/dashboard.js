// Draws each dashboard chart from the table beside it: the numbers are the page's content, the chart only shows
// them, so the page says the same without JavaScript. A plain chart takes the table's second column; a stacked
// chart takes one series per column whose header is marked data-series (decisions by outcome), labelled by it.
var COLOURS = ['#0b5cad', '#5f9ad6', '#b3261e', '#6b2fa6', '#2e7d32'];

document.querySelectorAll('.chart').forEach(function (section) {
  var table = section.querySelector('table.figures');
  var rows = table.querySelectorAll('tbody tr');
  var labels = [];
  rows.forEach(function (row) { labels.push(row.cells[0].textContent.trim()); });
  var columns = [];
  table.querySelectorAll('thead th').forEach(function (th, index) {
    if (th.hasAttribute('data-series')) {
      columns.push({ index: index, label: th.textContent.trim() });
    }
  });
  var stacked = section.dataset.chart === 'stacked' && columns.length > 0;
  if (!stacked) {
    columns = [{ index: 1, label: section.dataset.label }];
  }
  var datasets = columns.map(function (column, i) {
    var values = [];
    rows.forEach(function (row) { values.push(Number(row.cells[column.index].textContent)); });
    return { label: column.label, data: values, backgroundColor: COLOURS[i % COLOURS.length] };
  });
  new Chart(section.querySelector('canvas'), {
    type: 'bar',
    data: { labels: labels, datasets: datasets },
    options: {
      animation: false,
      plugins: { legend: { display: stacked } },
      scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true } }
    }
  });
});
