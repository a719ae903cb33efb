from django.urls import path

from quotes.api import consultations, quotes

app_name = "quotes-api"

urlpatterns = [
    path("consultations/", consultations.consultation_create, name="consultation-create"),
    path("quotes/", quotes.quote_create, name="quote-create"),
    path("quotes/<str:quote_id>/", quotes.quote_detail, name="quote-detail"),
    path("quotes/<str:quote_id>/render/", quotes.quote_render, name="quote-render"),
    path("quotes/<str:quote_id>/pdf/", quotes.quote_pdf, name="quote-pdf"),
]
