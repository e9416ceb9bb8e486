"""Quality committee review: submission, reviews, decisions, history, audit log, notifications."""
