"""Multi-stage approval: the approval route as data per institution, reviewer assignments, reminders."""
