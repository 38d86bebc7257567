from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rementor.core.email_addresses import normalise_email
from rementor.core.forms import StyledFormMixin


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass


class InvitationAwarePasswordResetForm(PasswordResetForm):
    """Also sends the link to invited people who never chose a password.

    Django skips accounts without a usable password; for Rementor those are exactly the
    invited participants who lost their invitation e-mail.
    """

    def get_users(self, email):
        # Nobody who left the company, even if their account were still marked active; and,
        # with password sign-in off, nobody who could not use the password they would choose.
        users = (
            get_user_model()
            .objects.filter(email=normalise_email(email), is_active=True)
            .exclude(person__is_active=False)
        )
        return [user for user in users if password_sign_in_allowed(user)]


def password_sign_in_allowed(user) -> bool:
    """Password sign-in, unless ``RM_PASSWORD_LOGIN`` is off (the company signs in through
    single sign-on, rementor.sso): then only programme managers and administrators keep it,
    as a break-glass account for the day the identity provider is down or misconfigured."""
    if getattr(settings, "RM_PASSWORD_LOGIN", True):
        return True
    return bool(user.is_superuser or getattr(user, "is_programme_manager", False))


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with the password switch of single sign-on.

    The refusal comes after the password was checked and matched, so it is not a failed
    sign-in (django-axes and the brake per address do not count it) and says what to do.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "password_sign_in_off": _(
            "Participants sign in with their company account: use the button above. "
            "Password sign-in is kept for programme managers."
        ),
    }

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not password_sign_in_allowed(user):
            raise ValidationError(
                self.error_messages["password_sign_in_off"], code="password_sign_in_off"
            )
