"""A PM can hide a learner's answer (who, when, why); answers get an opaque public id for the
URLs that hide and show them. The id is added empty, filled row by row, then made unique, since
one default for every existing row would collide."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_public_ids(apps, schema_editor):
    LearnerFeedback = apps.get_model("feedback", "LearnerFeedback")
    for pk in LearnerFeedback.objects.values_list("pk", flat=True).iterator():
        LearnerFeedback.objects.filter(pk=pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_link_paused_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="learnerfeedback",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="learnerfeedback",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
        migrations.AddField(
            model_name="learnerfeedback",
            name="hidden_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="learnerfeedback",
            name="hidden_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="learnerfeedback",
            name="hidden_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("spam", "Spam or nonsense"),
                    ("names_someone", "It names or identifies someone"),
                    ("unkind", "Abusive or unkind"),
                    ("other", "Another reason"),
                ],
                max_length=20,
            ),
        ),
    ]
