from django.urls import path

from quotes.api import views

app_name = "quotes-api"

urlpatterns = [
    path("consultations/", views.consultation_create, name="consultation-create"),
    path("quotes/", views.quote_create, name="quote-create"),
    path("quotes/<int:pk>/", views.quote_detail, name="quote-detail"),
    path("quotes/<int:pk>/render/", views.quote_render, name="quote-render"),
    path("quotes/<int:pk>/pdf/", views.quote_pdf, name="quote-pdf"),
]
