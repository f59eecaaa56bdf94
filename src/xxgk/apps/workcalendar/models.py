"""Models of the workcalendar app."""
