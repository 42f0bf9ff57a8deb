from django.urls import path

from . import views, views_board

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
    path("organisation/logo/", views_board.logo, name="logo"),
    path("organisation/logo/remove/", views_board.logo_delete, name="logo_delete"),
    path("organisation/logo/image/", views_board.logo_image, name="logo_image"),
    path("organisation/funder-return.csv", views_board.funder_return_csv, name="funder_return_csv"),
    path(
        "organisation/funder-return.xlsx",
        views_board.funder_return_xlsx_view,
        name="funder_return_xlsx",
    ),
]
