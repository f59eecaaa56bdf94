"""The workcalendar app."""
