"""Who may apply to mentor: programmes that existed keep the open call they had (any employee
could apply while they recruited); programmes created from now on start invitation-only."""

from django.db import migrations, models

FIELD = dict(
    choices=[("open", "Everyone in the company"), ("invited", "Invited people only")],
    help_text=(
        "Everyone: any employee sees “Become a mentor” while the programme recruits. "
        "Invited only: only the people you invite as mentors can apply."
    ),
    max_length=10,
    verbose_name="who may apply to mentor",
)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0003_programme_match_weights"),
    ]

    operations = [
        # Existing rows get "open" (what they behaved as)...
        migrations.AddField(
            model_name="programme",
            name="mentor_applications",
            field=models.CharField(default="open", **FIELD),
        ),
        # ...and new programmes "invited".
        migrations.AlterField(
            model_name="programme",
            name="mentor_applications",
            field=models.CharField(default="invited", **FIELD),
        ),
        migrations.AddConstraint(
            model_name="programme",
            constraint=models.CheckConstraint(
                condition=models.Q(("mentor_applications__in", ["open", "invited"])),
                name="programme_mentor_applications_valid",
            ),
        ),
    ]
