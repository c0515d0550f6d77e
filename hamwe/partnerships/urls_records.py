"""URL routes of the records area of partnerships (see urls.py)."""

urlpatterns = []
