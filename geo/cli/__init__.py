"""The conflict-map command: one module per command group. The top: imports anything in geo, and
nothing imports it."""
