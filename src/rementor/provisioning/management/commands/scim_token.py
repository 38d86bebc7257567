"""``python -m rementor scim_token create NAME | list | revoke PREFIX_OR_ID``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from rementor.provisioning import tokens
from rementor.provisioning.models import ScimToken


class Command(BaseCommand):
    help = "Create, list or revoke the bearer tokens of SCIM provisioning (/scim/v2/)."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Print a new token (shown once).")
        create.add_argument("name", help="The identity provider that will use it.")
        actions.add_parser("list", help="Every token, live or revoked (never the secrets).")
        revoke = actions.add_parser("revoke", help="Revoke a token at once.")
        revoke.add_argument("token", help="Its id, or the first characters shown by list.")

    def handle(self, *args, action: str, **options) -> None:
        if action == "create":
            try:
                token, secret = tokens.create_token(name=options["name"])
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            self.stdout.write(f"Token {token.pk} “{token.name}” created. Copy it now:")
            self.stdout.write(secret)
        elif action == "list":
            for token in ScimToken.objects.all():
                state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "live"
                used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
                self.stdout.write(
                    f"{token.pk}\t{token.prefix}…\t{state}\tlast used {used}\t{token.name}"
                )
        else:
            key = options["token"]
            match = Q(prefix=key) if not key.isdigit() else Q(pk=int(key)) | Q(prefix=key)
            found = list(ScimToken.objects.filter(match)[:2])
            if len(found) != 1:
                raise CommandError(f"No single token matches {key!r}; see scim_token list.")
            if tokens.revoke_token(token=found[0]):
                self.stdout.write(f"Token {found[0].pk} revoked.")
            else:
                self.stdout.write(f"Token {found[0].pk} was already revoked.")
