"""URL routes of the cycle area of partnerships (see urls.py)."""

urlpatterns = []
