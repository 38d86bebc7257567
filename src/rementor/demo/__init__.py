"""The demo company and programme, loaded by ``python -m rementor demo`` (``company.load_demo``)."""
