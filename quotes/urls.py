from django.urls import path

from quotes.views import buyer, consultations, leads, quote_editor, quotes, staff, workspace

app_name = "quotes"

urlpatterns = [
    path("consultation/", consultations.consultation_create, name="consultation-create"),
    path("consultation/received/<str:reference>/", consultations.consultation_received, name="consultation-received"),
    path("sales/", workspace.sales_today, name="sales-dashboard"),
    path("sales/login/", staff.sales_login, name="sales-login"),
    path("sales/logout/", staff.sales_logout, name="sales-logout"),
    path("sales/leads/", workspace.lead_list, name="lead-list"),
    path("sales/leads/bulk/", workspace.lead_bulk, name="lead-bulk"),
    path("sales/pipeline/", workspace.pipeline_board, name="pipeline-board"),
    path("sales/pipeline/<int:pk>/move/", workspace.pipeline_move, name="pipeline-move"),
    path("sales/quotes/", workspace.quote_list, name="quote-list"),
    path("sales/quotes/export.csv", workspace.quote_export, name="quote-export"),
    path("sales/approvals/", workspace.approval_list, name="approval-list"),
    path("sales/approvals/<int:pk>/", workspace.approval_decide, name="approval-decide"),
    path("sales/emails/<int:pk>/retry/", workspace.notification_retry, name="notification-retry"),
    path("sales/leads/<int:pk>/", leads.lead_detail, name="lead-detail"),
    path("sales/leads/<int:pk>/status/", leads.lead_status_change, name="lead-status"),
    path("sales/leads/<int:pk>/notes/", leads.lead_note_add, name="lead-note"),
    path("sales/leads/<int:pk>/owner/", leads.lead_assign, name="lead-owner"),
    path("quote/<str:token>/", buyer.quote_public, name="quote-public"),
    path("quote/<str:token>/pdf/", buyer.quote_public_pdf, name="quote-public-pdf"),
    path("quote/<str:token>/accept/", buyer.quote_public_answer, {"answer": "accept"}, name="quote-accept"),
    path("quote/<str:token>/decline/", buyer.quote_public_answer, {"answer": "decline"}, name="quote-decline"),
    path("sales/quotes/new/", quote_editor.quote_create, name="quote-create"),
    path("sales/quotes/preview/", quote_editor.quote_preview, name="quote-preview"),
    path("sales/quotes/devices/<int:pk>/options/", quote_editor.quote_device_options, name="quote-device-options"),
    path("sales/quotes/<int:pk>/", quotes.quote_detail, name="quote-detail"),
    path("sales/quotes/<int:pk>/edit/", quote_editor.quote_edit, name="quote-edit"),
    path("sales/quotes/<int:pk>/status/", quotes.quote_status, name="quote-status"),
    path("sales/quotes/<int:pk>/render/", quotes.quote_render, name="quote-render"),
    path("sales/quotes/<int:pk>/approve/", quotes.quote_approve, name="quote-approve"),
    path("sales/quotes/<int:pk>/send/", quotes.quote_send, name="quote-send"),
    path("sales/quotes/<int:pk>/resend/", quotes.quote_resend, name="quote-resend"),
    path(
        "sales/quotes/<int:pk>/emails/<int:notification_id>/retry/", quotes.quote_email_retry, name="quote-email-retry"
    ),
    path("sales/quotes/<int:pk>/revisions/<int:number>/pdf/", quotes.quote_pdf, name="quote-pdf"),
    path("sales/quotes/<int:pk>/revisions/<int:number>/retry/", quotes.quote_retry, name="quote-retry"),
]
