"""Demo data: one account per role and a few designs, one good and some with typical faults."""
