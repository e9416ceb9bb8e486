"""Password hashes: Argon2id with OWASP's recommended parameters (19 MiB of memory, 2 passes, 1 lane).

Why not werkzeug's default (scrypt N=2^15, r=8, p=1): that is below OWASP's own scrypt minimum
(N=2^17), and a check costs about 128 ms of CPU here against 25 ms for Argon2id at the recommended
setting, which OWASP's Password Storage Cheat Sheet rates as at least as strong. Logins are the most
expensive request when a workshop of 50 logs in at once, so the cheaper, stronger hash is both.

Hashes written before (werkzeug's "scrypt:..." and "pbkdf2:..." strings) still verify, and are
replaced by an Argon2id hash at the owner's next successful login (`needs_rehash`).
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from werkzeug.security import check_password_hash

ARGON2_PREFIX = "$argon2"
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """Does `password` match `stored` (an Argon2id hash, or an older werkzeug one)?"""
    if not stored:
        return False
    if not stored.startswith(ARGON2_PREFIX):
        return check_password_hash(stored, password)
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """An older method or other parameters than today's: store a new hash at the next login."""
    return not stored.startswith(ARGON2_PREFIX) or _HASHER.check_needs_rehash(stored)
