"""URL routes of the results area of score cards (see urls.py)."""

urlpatterns = []
