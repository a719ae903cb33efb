from django.urls import path

from quotes.api import consultations, quotes

app_name = "quotes-api"

urlpatterns = [
    path("consultations/", consultations.consultation_create, name="consultation-create"),
    path("quotes/", quotes.quote_create, name="quote-create"),
    path("quotes/<int:pk>/", quotes.quote_detail, name="quote-detail"),
    path("quotes/<int:pk>/render/", quotes.quote_render, name="quote-render"),
    path("quotes/<int:pk>/pdf/", quotes.quote_pdf, name="quote-pdf"),
]
