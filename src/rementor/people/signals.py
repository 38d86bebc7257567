"""What people tells the apps above it when someone leaves or comes back.

The people app sits below the API and personal-data apps: it imports neither. They connect
to these signals instead (in their ``AppConfig.ready``). Both are sent inside the transaction
of the write, with ``send`` (not ``send_robust``): a receiver that raises rolls the whole
write back, so leaving or coming back stays all or nothing.
"""

from django.dispatch import Signal

# Sent by ``domain.deactivate_people`` with ``user_ids``, the accounts of the people who left.
# Each receiver closes what its app lets those accounts in with, without a password (the API
# app revokes their tokens, the mentoring app their calendar feeds), and returns how many it
# closed per account: ``{user id: count}``.
accounts_closed = Signal()

# Sent by ``domain.reactivate_people`` with ``person_ids`` before anything is written. A
# receiver refuses a return by raising ``ValidationError`` (the personal-data app: an erased
# person cannot come back).
people_returning = Signal()
