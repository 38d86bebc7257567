import re
import unicodedata

from django.db import migrations, models

# A frozen copy of people.models.people.name_sort_key as it was when this migration was
# written: a migration must give the same result whatever the code becomes later.
_PARTICLE = re.compile(r"^(?:de\s+|d['’]\s*|von\s+)(?=\S)")
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})


def _folded(text):
    text = unicodedata.normalize("NFKD", (text or "").strip().casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_LETTERS)
    return "".join(c for c in text if c.isalnum())


def _sort_key(last_name, first_name):
    last = _PARTICLE.sub("", (last_name or "").strip())
    return f"{_folded(last)}0{_folded(first_name)}"[:300]


def fill_sort_names(apps, schema_editor):
    """Give every existing person the key lists of people are now ordered by."""
    Person = apps.get_model("people", "Person")
    batch = []
    for person in Person.objects.only("pk", "first_name", "last_name").iterator(chunk_size=2000):
        person.sort_name = _sort_key(person.last_name, person.first_name)
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["sort_name"])
            batch = []
    Person.objects.bulk_update(batch, ["sort_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_leavers_lose_their_access"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="sort_name",
            field=models.CharField(default="", editable=False, max_length=300),
        ),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["sort_name"], name="people_pers_sort_na_fb0d07_idx"),
        ),
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["sort_name", "last_name", "first_name", "employee_id"],
                "verbose_name": "person",
                "verbose_name_plural": "people",
            },
        ),
        migrations.AddField(
            model_name="importbatch",
            name="pad_offer",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="pad_width",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="IDs padded to"),
        ),
    ]
