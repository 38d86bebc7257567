from django.contrib.auth.backends import ModelBackend

from rementor.core.email_addresses import normalise_email
from rementor.people.models import User


class EmailBackend(ModelBackend):
    """Log in by e-mail, whatever case or surrounding spaces the user typed.

    An account whose employee record is inactive (the person left the company) is refused
    like a deactivated account, at sign-in and on every request of an open session, even if
    the account itself were still marked active: ``people.domain.deactivate_person``
    deactivates both, this is the second lock.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = username if username is not None else kwargs.get("email")
        if email is None:
            return None
        return super().authenticate(request, username=normalise_email(email), password=password)

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        return user.person_id is None or user.person.is_active

    def get_user(self, user_id):
        # Called on every request of a session: the person's status is read in the same
        # query (accounts without an employee record, e.g. an administrator, are kept).
        return (
            User._default_manager.filter(pk=user_id, is_active=True)
            .exclude(person__is_active=False)
            .first()
        )
