"""Institution administration: people, invitations and password resets, the admin audit log."""
