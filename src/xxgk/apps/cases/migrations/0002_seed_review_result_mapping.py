"""Seed the review/litigation result mapping with applications.md §8."""

from django.db import migrations

from xxgk.core.cases.tables import DEFAULT_RESULT_MAPPING


def seed(apps, schema_editor):
    Mapping = apps.get_model("cases", "ReviewResultMapping")
    for phrase, key in DEFAULT_RESULT_MAPPING.items():
        Mapping.objects.get_or_create(phrase=phrase, defaults={"result_key": key})


def unseed(apps, schema_editor):
    apps.get_model("cases", "ReviewResultMapping").objects.filter(phrase__in=list(DEFAULT_RESULT_MAPPING)).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_cases_reviews_fees")]
    operations = [migrations.RunPython(seed, unseed)]
