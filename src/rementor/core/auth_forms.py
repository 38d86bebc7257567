from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm

from rementor.core.forms import StyledFormMixin


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass
