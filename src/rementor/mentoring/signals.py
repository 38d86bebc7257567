"""What the mentoring app tells the apps built on it."""

from django.dispatch import Signal

# Sent by ``concerns.log_idea`` inside its transaction, with ``idea=``: the channels app
# announces that an idea was logged (a count and a link, never its text) once it commits.
idea_logged = Signal()
