"""Seed the calendar with the State Council schedules of 2004–2026 from the chinesecalendar package.

Only the days a schedule fixes are stored (holidays, rest days, 补班 days);
every other day follows the weekend rule. The range is fixed so that a later
package release (with 2027) does not change what this migration writes.
"""

from django.db import migrations

FIRST, LAST = 2004, 2026
NOTICE = "国务院办公厅关于{year}年部分节假日安排的通知（据 chinesecalendar 软件包）"


def seed(apps, schema_editor):
    from xxgk.core.calendar.seed import chinesecalendar_days

    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    ScheduleYear = apps.get_model("workcalendar", "ScheduleYear")
    days = chinesecalendar_days(FIRST, LAST)
    CalendarDay.objects.bulk_create(
        CalendarDay(date=d, year=d.year, is_workday=s.is_workday, name=s.name) for d, s in sorted(days.items())
    )
    ScheduleYear.objects.bulk_create(
        ScheduleYear(year=y, notice=NOTICE.format(year=y), source="chinesecalendar") for y in range(FIRST, LAST + 1)
    )


def unseed(apps, schema_editor):
    apps.get_model("workcalendar", "CalendarDay").objects.filter(year__range=(FIRST, LAST)).delete()
    apps.get_model("workcalendar", "ScheduleYear").objects.filter(source="chinesecalendar").delete()


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_calendar_tables")]
    operations = [migrations.RunPython(seed, unseed)]
