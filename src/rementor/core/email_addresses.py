"""How e-mail addresses are compared: one rule for accounts, people, sign-in and the import."""


def normalise_email(email: str) -> str:
    """Addresses are compared case-insensitively: store them trimmed and lower-cased."""
    return (email or "").strip().lower()
