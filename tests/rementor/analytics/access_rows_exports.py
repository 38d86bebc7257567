from django.urls import reverse

from tests.rementor.access import MANAGER_ONLY, Row, signed_in

# Exports hold names: managers only. The programme's participants know it exists (403),
# others do not (404).
EXPORTS = {**MANAGER_ONLY, "other_participant": 404}
# The PDF report: managers (either version) and sponsors (always the sponsors' version).
REPORT = {**EXPORTS, "sponsor": 200}


def _export(o, query=""):
    return reverse("analytics:export", args=[o["programme"].slug]) + query


def _report(o, query=""):
    return reverse("analytics:report", args=[o["programme"].slug]) + query


ROWS = {
    "analytics:exports": [
        Row("get", lambda o: reverse("analytics:exports", args=[o["programme"].slug]), EXPORTS),
        Row("get", lambda o: reverse("analytics:exports", args=["no-such"]), signed_in(404)),
    ],
    "analytics:export": [
        Row("get", lambda o: _export(o, "?format=xlsx"), EXPORTS),
        Row("get", lambda o: _export(o, "?format=csv&dataset=pulses&flavour=excel-fr"), EXPORTS),
        # A bad option is a bad request, for managers; the others never get that far.
        Row("get", lambda o: _export(o, "?format=csv&dataset=notes"), {**EXPORTS, "manager": 400}),
        Row("get", lambda o: reverse("analytics:export", args=["no-such"]), signed_in(404)),
    ],
    "analytics:report": [
        Row("get", lambda o: _report(o, "?audience=sponsor"), REPORT),
        # Sponsors asking for the managers' version get theirs (see test_report).
        Row("get", lambda o: _report(o, "?audience=manager"), REPORT),
        Row("get", lambda o: _report(o, "?audience=everyone"), {**REPORT, "manager": 400}),
        Row("get", lambda o: reverse("analytics:report", args=["no-such"]), signed_in(404)),
    ],
}
