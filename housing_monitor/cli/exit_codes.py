"""Exit codes of every command: scripts and cron jobs test them."""

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
