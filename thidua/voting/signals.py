"""Signals other apps may listen to. Sent after the transaction commits (zulip-style side effects).

``ballot_released(sender=Ballot, ballot=…, questions=[…])``: a ballot's result was released.
For a council ballot, ``questions`` lists ``(proposal_ref, approved)`` for every question that
names a proposal; the awards app connects here to move its proposals on (and to attach
``papers.minutes_for(ballot)`` to their dossiers).
"""

from django.dispatch import Signal

ballot_released = Signal()
