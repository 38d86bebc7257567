from django.db import migrations, models
from django.utils import timezone


def close_accounts_of_people_who_left(apps, schema_editor):
    """Before this migration, a full-sync import deactivated a person but left their account
    open: close those accounts and revoke their API tokens, as deactivation now does."""
    User = apps.get_model("people", "User")
    ApiToken = apps.get_model("api", "ApiToken")
    left = User.objects.filter(person__is_active=False)
    ApiToken.objects.filter(user__in=left, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    left.filter(is_active=True).update(is_active=False)


def count_past_reactivations(apps, schema_editor):
    """Imports applied before this migration reactivated every returning person unasked."""
    ImportBatch = apps.get_model("people", "ImportBatch")
    for batch in ImportBatch.objects.filter(status="applied").only("pk", "plan"):
        back = sum(1 for e in batch.plan or [] if "is_active" in (e.get("changes") or {}))
        if back:
            ImportBatch.objects.filter(pk=batch.pk).update(reactivated_count=back)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_import_batch_preset"),
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="reactivated_count",
            field=models.PositiveIntegerField(default=0, verbose_name="reactivated"),
        ),
        migrations.RunPython(count_past_reactivations, migrations.RunPython.noop),
        migrations.RunPython(close_accounts_of_people_who_left, migrations.RunPython.noop),
    ]
