"""The demo company and programme, loaded by ``python -m rementor demo``."""

from rementor.core.demo.company import DEMO_LOGINS, DEMO_PASSWORD, load_demo

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "load_demo"]
