"""URL routes of the agreements area of partnerships (see urls.py)."""

urlpatterns = []
