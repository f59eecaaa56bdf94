"""A covering index for the staff case list: any page's ids from the index alone (issue 4, 150 ms).

The list reads a page by a deferred join (xxgk.apps.cases.queries.CaseRows):
``id IN (SELECT id … WHERE unit_id = … ORDER BY receipt_date DESC, id DESC
LIMIT 50 OFFSET n)``. With this index in that order, holding the columns the
list filters on (state, outcome, number), the inner query is an index-only
scan on PostgreSQL and a covering-index search on SQLite; before, the last
page of a 100,000-case unit read and sorted all its table rows (about 210 ms
on PostgreSQL, docs/performance.md).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_case_handler"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["unit", "-receipt_date", "-id", "state", "outcome", "number"],
                name="cases_case_unit_list_cover",
            ),
        ),
    ]
