"""The emails of the people feature: an invitation and a password reset, each with its one-time link."""

from flask import current_app, url_for

from designer.mail import send_email
from designer.models import User


def send_invitation(user: User, secret: str, inviter: User | None) -> None:
    """`inviter` None: invited from the command line by no particular admin."""
    link = url_for("account.accept_invitation", secret=secret, _external=True)
    who = f"{inviter.name} has" if inviter else "The administrators have"
    hours = int(float(current_app.config.get("INVITE_LINK_HOURS", 168)))
    send_email(
        user.email,
        "You are invited to the micro-credential designer",
        f"Hello {user.name},\n\n{who} invited you to the micro-credential designer of "
        f"{user.institution} as {user.role}.\n\nChoose your password here (the link works once, for "
        f"{hours} hours):\n{link}\n\nIf you did not expect this, you can ignore this email.\n",
    )


def send_reset(user: User, secret: str) -> None:
    link = url_for("account.reset_password", secret=secret, _external=True)
    minutes = int(float(current_app.config.get("RESET_LINK_HOURS", 1)) * 60)
    send_email(
        user.email,
        "Reset your password",
        f"Hello {user.name},\n\nSomeone (hopefully you) asked to reset the password of your account.\n"
        f"Choose a new password here (the link works once, for {minutes} minutes):\n{link}\n\n"
        "If you did not ask for this, ignore this email: your password stays as it is.\n",
    )
