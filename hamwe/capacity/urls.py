"""Capacity routes, one module per area: assessments and scoring, the strengthening
plan, and the capacity passport."""

from .assessments.urls import urlpatterns as assessments
from .passport.urls import urlpatterns as passport
from .plan.urls import urlpatterns as plan

app_name = "capacity"

urlpatterns = assessments + plan + passport
