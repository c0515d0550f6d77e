"""URL routes of the plan area of score cards (see urls.py)."""

urlpatterns = []
