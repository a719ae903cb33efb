from django.urls import path

from catalog.api import views

app_name = "catalog-api"

urlpatterns = [
    path("families/", views.FamilyList.as_view(), name="family-list"),
    path("families/<str:slug>/", views.FamilyDetail.as_view(), name="family-detail"),
    path("devices/", views.DeviceList.as_view(), name="device-list"),
    path("devices/<str:slug>/", views.DeviceDetail.as_view(), name="device-detail"),
    path("treatments/", views.TreatmentList.as_view(), name="treatment-list"),
    path("treatments/<str:slug>/", views.TreatmentDetail.as_view(), name="treatment-detail"),
    path("articles/", views.ArticleList.as_view(), name="article-list"),
    path("articles/<str:slug>/", views.ArticleDetail.as_view(), name="article-detail"),
]
