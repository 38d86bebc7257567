"""The RM_SAML_* variables: a mistake stops the start-up with the variable's name."""

from __future__ import annotations

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

import rementor.settings.saml as saml_settings


@pytest.fixture
def load(monkeypatch):
    def reload(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(saml_settings)

    yield reload
    monkeypatch.undo()
    importlib.reload(saml_settings)


def test_saml_off_without_metadata(load, monkeypatch):
    monkeypatch.delenv("RM_SAML_IDP_METADATA_URL", raising=False)
    monkeypatch.delenv("RM_SAML_IDP_METADATA_FILE", raising=False)
    assert load().RM_SAML_ENABLED is False


def test_saml_on_with_a_metadata_address(load):
    module = load(RM_SAML_IDP_METADATA_URL="https://login.example.com/metadata.xml")
    assert module.RM_SAML_ENABLED is True


def test_missing_metadata_file_named(load, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="RM_SAML_IDP_METADATA_FILE"):
        load(RM_SAML_IDP_METADATA_FILE=str(tmp_path / "absent.xml"))


def test_certificate_without_key_refused(load, tmp_path):
    cert = tmp_path / "sp.crt"
    cert.write_text("-----BEGIN CERTIFICATE-----\n")
    with pytest.raises(ImproperlyConfigured, match="RM_SAML_KEY_FILE"):
        load(RM_SAML_CERT_FILE=str(cert))
