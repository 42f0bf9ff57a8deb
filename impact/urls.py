from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("organisation/", views.organisation, name="organisation"),
    path("organisation/sessions.csv", views.sessions_csv, name="sessions_csv"),
    path("organisation/report/", views.report, name="report"),
    path("organisation/report.pdf", views.report_pdf, name="report_pdf"),
    path("network/", views.network, name="network"),
    path("organisation/funding/", views.funding_add, name="funding_add"),
]
