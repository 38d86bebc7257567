"""Access-matrix rows of the analytics pages: the needs heat map, the results (manager
dashboard and sponsor view), the exports and the PDF report."""

from django.urls import reverse

from tests.rementor.access import MANAGER_ONLY, Row, signed_in

# Managers and sponsors; the programme's participants know it exists (403), others do not.
NEEDS = {
    "anonymous": 302,
    "participant": 403,
    "other_participant": 404,
    "sponsor": 200,
    "manager": 200,
}

# The programme's participants know it exists (403); other people do not (404).
DASHBOARD = {**MANAGER_ONLY, "other_participant": 404}
RESULTS = {
    "anonymous": 302,
    "participant": 403,
    "other_participant": 404,
    "sponsor": 200,
    "manager": 200,
}

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
    "analytics:needs": [
        Row("get", lambda o: reverse("analytics:needs", args=[o["programme"].slug]), NEEDS),
        # A sponsor's parameters change nothing; a manager's unknown site is ignored.
        Row(
            "get",
            lambda o: reverse("analytics:needs", args=[o["programme"].slug]) + "?site=x&all=1",
            NEEDS,
        ),
        Row(
            "get", lambda o: reverse("analytics:needs", args=["no-such-programme"]), signed_in(404)
        ),
    ],
    "analytics:dashboard": [
        Row("get", lambda o: reverse("analytics:dashboard", args=[o["programme"].slug]), DASHBOARD),
        # Unknown filter values are ignored, not errors.
        Row(
            "get",
            lambda o: (
                reverse("analytics:dashboard", args=[o["programme"].slug])
                + "?department=x&site=nowhere"
            ),
            DASHBOARD,
        ),
        Row(
            "get",
            lambda o: reverse("analytics:dashboard", args=["no-such-programme"]),
            signed_in(404),
        ),
    ],
    "analytics:sponsor": [
        Row("get", lambda o: reverse("analytics:sponsor", args=[o["programme"].slug]), RESULTS),
        # Sponsors get no filters: parameters change nothing.
        Row(
            "get",
            lambda o: reverse("analytics:sponsor", args=[o["programme"].slug]) + "?department=1",
            RESULTS,
        ),
        Row(
            "get",
            lambda o: reverse("analytics:sponsor", args=["no-such-programme"]),
            signed_in(404),
        ),
    ],
    "analytics:exports": [
        Row("get", lambda o: reverse("analytics:exports", args=[o["programme"].slug]), EXPORTS),
        Row("get", lambda o: reverse("analytics:exports", args=["no-such"]), signed_in(404)),
    ],
    "analytics:export": [
        Row("get", lambda o: _export(o, "?format=xlsx"), EXPORTS),
        Row("get", lambda o: _export(o, "?format=csv&dataset=pulses&flavour=excel-fr"), EXPORTS),
        # Who takes part and their needs: names and levels, for the programme team only.
        Row("get", lambda o: _export(o, "?format=csv&dataset=participants"), EXPORTS),
        Row("get", lambda o: _export(o, "?format=xlsx&dataset=participants"), EXPORTS),
        Row("get", lambda o: _export(o, "?format=csv&dataset=needs&flavour=excel-fr"), EXPORTS),
        Row("get", lambda o: _export(o, "?format=xlsx&dataset=needs"), EXPORTS),
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
