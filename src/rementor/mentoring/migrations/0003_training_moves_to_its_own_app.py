# Training became its own app (rementor.training). This migration only forgets the three
# models in mentoring's state; their tables and rows stay untouched. training.0001_initial
# takes them over (same tables), then renames the tables and moves their content types.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0002_pulse_comment_shared'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='TrainingCompletion'),
                migrations.DeleteModel(name='QuizQuestion'),
                migrations.DeleteModel(name='TrainingModule'),
            ],
            database_operations=[],
        ),
    ]
