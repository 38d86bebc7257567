"""The PDF report's page: which version each role downloads."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import client_for


def test_report_view_manager_chooses_the_version(pair, manager):
    client = client_for(manager)
    url = reverse("analytics:report", args=[pair.programme.slug])
    response = client.get(url, {"audience": "sponsor"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "impact-report-sponsor.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    response = client.get(url)
    assert "impact-report-manager.pdf" in response["Content-Disposition"]
    assert client.get(url, {"audience": "all"}).status_code == 400


def test_report_view_sponsor_always_gets_the_sponsor_version(pair, sponsor):
    response = client_for(sponsor).get(
        reverse("analytics:report", args=[pair.programme.slug]), {"audience": "manager"}
    )
    assert response.status_code == 200
    assert "impact-report-sponsor.pdf" in response["Content-Disposition"]
