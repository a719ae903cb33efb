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
]
