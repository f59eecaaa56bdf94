"""URLs of the public side (mounted at the site root): home, each unit's column, search, feed, sitemap."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from xxgk.apps.public import views
from xxgk.apps.public.feeds import UnitFeed
from xxgk.apps.public.sitemaps import SITEMAPS

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("work/search/", views.staff_search, name="staff_search"),
    path("gk/<int:unit_id>/", views.column, name="column"),
    path("gk/<int:unit_id>/guide/", views.guide, name="guide"),
    path("gk/<int:unit_id>/rules/", views.rules, name="rules"),
    path("gk/<int:unit_id>/content/", views.content, name="content"),
    path("gk/<int:unit_id>/item/<int:pk>/", views.item, name="item"),
    path("gk/<int:unit_id>/item/<int:pk>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("gk/<int:unit_id>/feed/", UnitFeed(), name="feed"),
    path("gk/<int:unit_id>/edit/", views.pages_edit, name="pages_edit"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "public:sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
