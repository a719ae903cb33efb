from django.urls import path

from quotes import views

app_name = "quotes"

urlpatterns = [
    path("consultation/", views.consultation_create, name="consultation-create"),
    path("consultation/received/<str:reference>/", views.consultation_received, name="consultation-received"),
    path("sales/", views.sales_dashboard, name="sales-dashboard"),
    path("sales/leads/<int:pk>/", views.lead_detail, name="lead-detail"),
    path("sales/leads/<int:pk>/status/", views.lead_status_change, name="lead-status"),
    path("sales/leads/<int:pk>/notes/", views.lead_note_add, name="lead-note"),
    path("sales/leads/<int:pk>/owner/", views.lead_assign, name="lead-owner"),
    path("quote/<str:token>/", views.quote_public, name="quote-public"),
    path("quote/<str:token>/pdf/", views.quote_public_pdf, name="quote-public-pdf"),
    path("quote/<str:token>/accept/", views.quote_public_answer, {"answer": "accept"}, name="quote-accept"),
    path("quote/<str:token>/decline/", views.quote_public_answer, {"answer": "decline"}, name="quote-decline"),
]

urlpatterns += [
    path("sales/quotes/new/", views.quote_create, name="quote-create"),
    path("sales/quotes/preview/", views.quote_preview, name="quote-preview"),
    path("sales/quotes/devices/<int:pk>/options/", views.quote_device_options, name="quote-device-options"),
    path("sales/quotes/<int:pk>/", views.quote_detail, name="quote-detail"),
    path("sales/quotes/<int:pk>/edit/", views.quote_edit, name="quote-edit"),
    path("sales/quotes/<int:pk>/status/", views.quote_status, name="quote-status"),
    path("sales/quotes/<int:pk>/render/", views.quote_render, name="quote-render"),
    path("sales/quotes/<int:pk>/approve/", views.quote_approve, name="quote-approve"),
    path("sales/quotes/<int:pk>/send/", views.quote_send, name="quote-send"),
    path("sales/quotes/<int:pk>/revisions/<int:number>/pdf/", views.quote_pdf, name="quote-pdf"),
    path("sales/quotes/<int:pk>/revisions/<int:number>/retry/", views.quote_retry, name="quote-retry"),
]
