from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm

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
        # Nobody who left the company, even if their account were still marked active.
        return (
            get_user_model()
            .objects.filter(email=normalise_email(email), is_active=True)
            .exclude(person__is_active=False)
        )
