"""What the programmes app tells the apps built on it.

Apps above programmes (training, ...) react to a programme's life through these signals
instead of being called by it, so programmes imports none of them.
"""

from django.dispatch import Signal

# Sent by ``domain.create_programme`` inside its transaction, with ``programme=``,
# ``copied_from=`` (a programme or None) and ``template=`` (a template's key or None): a receiver
# that raises rolls the creation back, so a programme never exists half set up.
programme_created = Signal()

# Sent by ``domain.change_programme_status`` inside its transaction, with ``programme=``, just
# before a programme is closed: a receiver raises ValidationError to refuse the closing (the
# matching app refuses while pairs are still active or paused), and the whole move rolls back.
programme_closing = Signal()

# Sent by ``domain.change_programme_status`` inside its transaction, once the move is written,
# with ``programme=``, ``from_status=``, ``to_status=`` and ``by=``: the channels app announces
# milestones to the programme team's chat channels (after the commit, never in the request).
programme_status_changed = Signal()
