"""Signing in and out of the sales workspace (the admin's lockout applies: django-axes wraps authenticate)."""

from django.conf import settings
from django.contrib.auth import views as auth_views

sales_login = auth_views.LoginView.as_view(
    template_name="quotes/staff/login.html",
    redirect_authenticated_user=False,
    extra_context={"AXES_FAILURE_LIMIT": settings.AXES_FAILURE_LIMIT},
)

sales_logout = auth_views.LogoutView.as_view(next_page="quotes:sales-login")
