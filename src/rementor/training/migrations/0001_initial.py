# Training moved out of the mentoring app with its data. The three models are first taken
# over in the state only, on the tables the mentoring app created (nothing is copied); the
# tables are then renamed to training_* (a rename only, on SQLite and PostgreSQL alike:
# foreign keys follow, rows stay); last, the content types move to the new app label, so
# that permissions and audit-log entries pointing at them still name the same models.

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

MOVED = ('trainingmodule', 'quizquestion', 'trainingcompletion')


def _move_content_types(apps, schema_editor, *, source, target):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        # A row already under the target label (created by hand, say) is left alone: moving
        # the other one onto it would break the unique (app_label, model).
        if not content_types.filter(app_label=target, model=model).exists():
            content_types.filter(app_label=source, model=model).update(app_label=target)
    ContentType.objects.clear_cache()


def content_types_to_training(apps, schema_editor):
    _move_content_types(apps, schema_editor, source='mentoring', target='training')


def content_types_back_to_mentoring(apps, schema_editor):
    _move_content_types(apps, schema_editor, source='training', target='mentoring')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('mentoring', '0003_training_moves_to_its_own_app'),
        ('programmes', '0003_programme_match_weights'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='TrainingModule',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(blank=True, max_length=60)),
                        ('audience', models.CharField(choices=[('mentor', 'Mentors'), ('mentee', 'Mentees'), ('both', 'Mentors and mentees')], max_length=10, verbose_name='audience')),
                        ('title_fr', models.CharField(max_length=200, verbose_name='title (French)')),
                        ('title_en', models.CharField(max_length=200, verbose_name='title (English)')),
                        ('body_fr', models.TextField(verbose_name='content (French, Markdown)')),
                        ('body_en', models.TextField(verbose_name='content (English, Markdown)')),
                        ('duration_minutes', models.PositiveSmallIntegerField(default=10, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(240)], verbose_name='estimated duration (minutes)')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                        ('is_published', models.BooleanField(default=True, verbose_name='published')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='training_modules', to='programmes.programme')),
                    ],
                    options={
                        'verbose_name': 'training module',
                        'verbose_name_plural': 'training modules',
                        'ordering': ['position', 'pk'],
                        'db_table': 'mentoring_trainingmodule',
                        'constraints': [models.UniqueConstraint(condition=models.Q(('code', ''), _negated=True), fields=('programme', 'code'), name='one_default_module_per_programme')],
                    },
                ),
                migrations.CreateModel(
                    name='QuizQuestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('text_fr', models.CharField(max_length=300, verbose_name='question (French)')),
                        ('text_en', models.CharField(max_length=300, verbose_name='question (English)')),
                        ('options_fr', models.JSONField(default=list, verbose_name='options (French)')),
                        ('options_en', models.JSONField(default=list, verbose_name='options (English)')),
                        ('correct_index', models.PositiveSmallIntegerField(default=0, verbose_name='correct option (from 0)')),
                        ('module', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='training.trainingmodule')),
                    ],
                    options={
                        'ordering': ['position', 'pk'],
                        'db_table': 'mentoring_quizquestion',
                    },
                ),
                migrations.CreateModel(
                    name='TrainingCompletion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('completed_at', models.DateTimeField(auto_now_add=True)),
                        ('quiz_score', models.PositiveSmallIntegerField(blank=True, null=True)),
                        ('enrollment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='training_completions', to='programmes.enrollment')),
                        ('module', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='completions', to='training.trainingmodule')),
                    ],
                    options={
                        'db_table': 'mentoring_trainingcompletion',
                        'constraints': [models.UniqueConstraint(fields=('module', 'enrollment'), name='one_completion_per_module')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='trainingmodule', table=None),
        migrations.AlterModelTable(name='quizquestion', table=None),
        migrations.AlterModelTable(name='trainingcompletion', table=None),
        migrations.RunPython(content_types_to_training, content_types_back_to_mentoring),
    ]
