"""The password rule: at least 12 characters, and not a common password (data/common-passwords.txt),
also not one with digits or symbols added around it, nor one repeated ("password1234!", "monkeymonkey")."""

import functools
import re
from pathlib import Path

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200
COMMON_FILE = Path(__file__).parent / "data" / "common-passwords.txt"


@functools.cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _variants(password: str) -> set[str]:
    """The password, lower case, and its core without surrounding digits, symbols and repetition."""
    lower = password.lower()
    core = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", lower)
    alnum = re.sub(r"[\W_]+", "", lower)
    variants = {lower, core, alnum, re.sub(r"\d+$", "", alnum)}
    for text in (lower, core, alnum):
        match = re.fullmatch(r"(.+?)\1+", text)
        if match:
            variants.add(match.group(1))
    return {v for v in variants if v}


def password_problem(password: str, *, email: str = "") -> str | None:
    """Why `password` is not allowed, in words for the person choosing it; None when it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must have at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"The password must have at most {MAX_PASSWORD_LENGTH} characters."
    if len(set(password)) < 5:
        return "The password repeats too few characters; choose a less guessable one."
    own = {email.lower(), email.split("@")[0].lower()} - {""}
    if _variants(password) & (common_passwords() | own):
        return "That password is too common (or is your email address); choose a less guessable one."
    return None
