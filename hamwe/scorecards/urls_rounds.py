"""URL routes of the rounds area of score cards (see urls.py)."""

urlpatterns = []
