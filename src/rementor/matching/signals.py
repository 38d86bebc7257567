"""What the matching app tells the apps built on it."""

from django.dispatch import Signal

# Sent by ``domain.publish_run`` inside its transaction, with ``run=`` and ``created=`` (how
# many pairs this publication made): the channels app announces it to the programme team's
# chat channels once the transaction commits.
run_published = Signal()
