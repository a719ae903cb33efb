from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("devices/", views.family_list, name="family-list"),
    path("families/<slug:slug>/", views.family_detail, name="family-detail"),
    path("devices/<slug:slug>/", views.device_detail, name="device-detail"),
    path("compare/", views.compare, name="compare"),
    path("treatments/<slug:slug>/", views.treatment_detail, name="treatment-detail"),
    path("knowledge/", views.article_list, name="article-list"),
    path("knowledge/<slug:slug>/", views.article_detail, name="article-detail"),
    path("search/", views.search, name="search"),
    path("legal/<slug:kind>/", views.legal_page, name="legal-page"),
]
