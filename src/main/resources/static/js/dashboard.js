// Draws each dashboard chart from the table beside it: the numbers are the page's content, the chart only shows
// them, so the page says the same without JavaScript.
document.querySelectorAll('.chart').forEach(function (section) {
  var rows = section.querySelectorAll('table.figures tbody tr');
  var labels = [], values = [];
  rows.forEach(function (row) {
    labels.push(row.cells[0].textContent);
    values.push(Number(row.cells[1].textContent));
  });
  new Chart(section.querySelector('canvas'), {
    type: 'bar',
    data: { labels: labels, datasets: [{ label: section.dataset.label, data: values, backgroundColor: '#0b5cad' }] },
    options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }
  });
});
