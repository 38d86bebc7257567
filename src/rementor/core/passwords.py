"""The password hasher: Argon2id at OWASP's recommended minimum (19 MiB of memory, 2 passes,
1 lane).

Why not Django's default, PBKDF2-SHA256 at 1,000,000 iterations: it costs 0.2-0.36 s of CPU
per sign-in on a 2-core server, so a wave of sign-ins (a programme's launch e-mail, Monday
morning) saturates the cores and every page waits behind it (benchmarks/load/README.md,
"The sign-in burst"); and its strength against a leaked database is CPU only, which GPUs
buy cheaply. Argon2id is memory-hard, so guessing on GPUs costs memory, not just cycles:
OWASP's Password Storage Cheat Sheet lists it first, with this configuration as the
minimum, and rates it equivalent to PBKDF2-SHA256 at 600,000 iterations. Here it costs about
0.03 s of CPU and 19 MiB per sign-in in progress.

Existing PBKDF2 hashes keep working (the PBKDF2 hashers stay in PASSWORD_HASHERS) and are
re-hashed with this one at the person's next sign-in, as Django does whenever the first
hasher differs from the one a hash was made with; so are Argon2 hashes made with other
parameters (``must_update`` compares them).
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class RementorArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id, 19 MiB, 2 passes, 1 lane; the algorithm name stays ``argon2``, so hashes made
    by Django's own Argon2 hasher verify and are updated to these parameters."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
