from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.network_list, name="list"),
    path("new/", views.network_create, name="create"),
    path("<int:pk>/", views.network_detail, name="detail"),
    path("<int:pk>/members/new/", views.member_add, name="member_add"),
    path("<int:pk>/status/new/", views.status_add, name="status_add"),
    path("<int:pk>/hand-over/", views.hand_over, name="hand_over"),
    path("<int:pk>/meetings/new/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/activities/new/", views.activity_add, name="activity_add"),
    path("<int:pk>/links/new/", views.link_add, name="link_add"),
    path("graph/", views.graph_page, name="graph"),
    path("graph.json", views.graph_data, name="graph_data"),
    path("structures/", views.structure_list, name="structures"),
    path("structures/new/", views.structure_create, name="structure_create"),
    path("structures/<int:pk>/", views.structure_detail, name="structure"),
    path("structures/<int:pk>/maturity/new/", views.maturity_add, name="maturity_add"),
    path("structures/<int:pk>/accompaniments/new/", views.accompaniment_add,
         name="accompaniment_add"),
    path("structures/<int:pk>/registered/", views.structure_register,
         name="structure_register"),
]
