from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("organisation/", views.organisation, name="organisation"),
    path("organisation/sessions.csv", views.sessions_csv, name="sessions_csv"),
    path("organisation/report/", views.report, name="report"),
    path("organisation/report.pdf", views.report_pdf, name="report_pdf"),
    path("organisation/table.csv", views.organisation_table_csv, name="organisation_table_csv"),
    path("network/", views.network, name="network"),
    path("network/table.csv", views.network_table_csv, name="network_table_csv"),
    path("network/report/", views.network_report, name="network_report"),
    path("network/report.pdf", views.network_report_pdf, name="network_report_pdf"),
    path("organisation/funding/", views.funding_add, name="funding_add"),
]
