from django.contrib.auth.backends import ModelBackend

from rementor.people.models import normalise_email


class EmailBackend(ModelBackend):
    """Log in by e-mail, whatever case or surrounding spaces the user typed."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = username if username is not None else kwargs.get("email")
        if email is None:
            return None
        return super().authenticate(request, username=normalise_email(email), password=password)
