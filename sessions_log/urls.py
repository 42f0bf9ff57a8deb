app_name = "sessions_log"

urlpatterns: list = []
