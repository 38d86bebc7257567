"""What a refused single sign-on says, per reason code (``identities.Reason``): a title and
what to do, translated when shown."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rementor.sso.identities import Reason

MESSAGES = {
    Reason.UNKNOWN: (
        _("Your company account is not known to Rementor"),
        _(
            "You signed in with your company, but Rementor has no employee record for you. "
            "Ask HR (the people running the mentoring programme) to add you to Rementor."
        ),
    ),
    Reason.DEACTIVATED: (
        _("Your account is deactivated"),
        _(
            "Your Rementor account has been closed, usually because you left the company or "
            "changed role. If this is a mistake, ask HR to reactivate it."
        ),
    ),
    Reason.CONFLICT: (
        _("Your company account matches two different people"),
        _(
            "Your e-mail address and your employee ID belong to two different employees in "
            "Rementor. Ask HR to correct the employee records."
        ),
    ),
    Reason.NO_IDENTITY: (
        _("Your company did not tell us who you are"),
        _(
            "The sign-in service sent neither a verified e-mail address nor an employee ID. "
            "Ask your IT department to check Rementor's single sign-on settings."
        ),
    ),
    Reason.INVALID_TOKEN: (
        _("The sign-in could not be verified"),
        _(
            "The answer from your company's sign-in service was not signed as expected, so "
            "Rementor did not trust it. Try again; if it happens again, tell your IT department."
        ),
    ),
    Reason.WRONG_AUDIENCE: (
        _("The sign-in was meant for another application"),
        _(
            "Your company's sign-in service answered for another application or from another "
            "issuer. Tell your IT department: Rementor's settings need checking."
        ),
    ),
    Reason.EXPIRED: (
        _("The sign-in took too long"),
        _("The answer from your company's sign-in service has expired. Please start again."),
    ),
    Reason.REPLAY: (
        _("This sign-in link has already been used"),
        _(
            "A sign-in link works once, in the browser that started it. Please start again "
            "from the sign-in page."
        ),
    ),
    Reason.PROVIDER_ERROR: (
        _("Your company's sign-in service did not answer"),
        _(
            "The sign-in was cancelled or the service could not be reached. Please try again "
            "in a moment; programme managers can still sign in with their password."
        ),
    ),
    Reason.DISABLED: (
        _("Single sign-on is not set up"),
        _("This way of signing in is not configured for Rementor. Use the sign-in page."),
    ),
}


def message_for(reason: str) -> tuple[str, str]:
    return MESSAGES.get(reason, MESSAGES[Reason.INVALID_TOKEN])
