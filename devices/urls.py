from django.urls import path

from . import views, views_import, views_network

app_name = "devices"

urlpatterns = [
    path("", views.stock_list, name="stock"),
    path("add/", views.device_create, name="create"),
    path("settings/", views.lending_settings, name="settings"),
    path("import/", views_import.import_stock, name="import"),
    path("import/template.csv", views_import.import_template, name="import_template"),
    path("import/<uuid:public_id>/", views_import.import_batch, name="import_batch"),
    path("data/", views.data_list, name="data_list"),
    path("data/add/", views.data_create, name="data_create"),
    path("data/<uuid:public_id>/give/", views.data_give, name="data_give"),
    path("loans/<uuid:public_id>/return/", views.loan_return, name="loan_return"),
    path("loans/<uuid:public_id>/extend/", views.loan_extend, name="loan_extend"),
    path("loans/<uuid:public_id>/lost/", views.loan_lost, name="loan_lost"),
    path("network/", views_network.network_lending, name="network"),
    path("network/transfer/", views_network.network_transfer, name="network_transfer"),
    path("<uuid:public_id>/", views.device_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.device_edit, name="edit"),
    path("<uuid:public_id>/lend/", views.device_lend, name="lend"),
    path("<uuid:public_id>/wipe/", views.device_wipe, name="wipe"),
]
