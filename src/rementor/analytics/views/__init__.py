"""The analytics pages, one module per topic: the needs heat map, the programme's results
(manager dashboard and sponsor view), the exports and the PDF report."""
