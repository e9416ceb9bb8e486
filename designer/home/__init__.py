"""The "My tasks" start page: what each person should do next, by role."""
