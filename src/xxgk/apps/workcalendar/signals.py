"""Signals of the workcalendar app."""

from django.dispatch import Signal

#: Sent after commit when a year's schedule was entered or changed; kwargs: ``year`` (int).
#: Open deadlines reaching into that year are provisional or stale and should be recomputed.
calendar_changed = Signal()
