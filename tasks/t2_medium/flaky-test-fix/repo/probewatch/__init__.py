"""probewatch: the library behind our uptime monitor (windows, status page, check registry)."""
