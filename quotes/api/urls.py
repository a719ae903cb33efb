from django.urls import path

from quotes.api import views

app_name = "quotes-api"

urlpatterns = [
    path("consultations/", views.consultation_create, name="consultation-create"),
]
