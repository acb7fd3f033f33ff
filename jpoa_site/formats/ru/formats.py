"""Russian keeps Django's own formats, but for how a time is typed: hours and minutes first, as an
agenda gives them (the admin's "Now" writes a time in the first of these)."""

TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H:%M:%S.%f"]
