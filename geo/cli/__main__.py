"""`python -m geo.cli`: the `conflict-map` command, for hosts where its script is not on PATH."""

from geo.cli.main import main

main()
