"""The printable impact report: HTML built from the programme's results, then a PDF.

Every figure comes from :func:`rementor.analytics.impact.results.programme_results` (the needs
heat map from :mod:`rementor.analytics.heatmap`); this package only arranges them for A4
paper: :mod:`~.figures` (the cover's key figures and the charts drawn from the results),
:mod:`~.charts` (the geometry of an SVG bar chart, drawn by a Django template: WeasyPrint
renders SVG; no JavaScript runs in a PDF), :mod:`~.tables` (the tables printed beside the
charts), :mod:`~.document` (the template's context, the HTML and the PDF). The sponsor version
asks for the suppressed results, so hidden figures never reach the template: the chart of a
hidden figure draws no bar, only a word.

The web view and ``python -m rementor report`` both call
:func:`rementor.analytics.report.document.report_pdf`.
"""
