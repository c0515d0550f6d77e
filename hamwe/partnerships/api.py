"""Partnerships through the API, under the same access rule as the pages.

Home users read every partnership; a partner user those their organisation is party to,
and gets 404 for any other (and for its actions). The record itself is written by home
admins and staff (`access.may_edit_partnership`); partners add and keep their own party's
contributions and comment. Each write is refused before its input is validated, so one
who may not make it learns nothing from field errors.
"""


from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from hamwe.accounts import access
from hamwe.core.api import (
    VersionedUpdates,
    declared_answers,
    declared_list_answers,
    service_errors,
)
from hamwe.core.filters import IdFilter

from .cycle import services as cycle
from .models import (
    Agreement,
    Comment,
    Contribution,
    GateTick,
    Partnership,
    Party,
    Review,
    ReviewValue,
    Signature,
    StageChange,
)
from .records import services
from .records.filters import PartnershipFilter

VERSION_HELP = "The version you read; required to update, so no one's edit is overwritten."


# --- serializers --------------------------------------------------------------------------


class ContributionInPartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Contribution
        fields = ["id", "kind", "description", "estimated_value", "currency", "version"]
        read_only_fields = fields


class PartySerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    contributions = ContributionInPartySerializer(many=True, read_only=True)

    class Meta:
        model = Party
        fields = [
            "id", "organisation", "organisation_name", "role", "iati_role", "own_objectives",
            "responsibilities", "risks", "contributions", "version",
        ]
        read_only_fields = fields


class PartySummarySerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Party
        fields = ["id", "organisation", "organisation_name", "role"]
        read_only_fields = fields


class PartyInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = [
            "organisation", "role", "iati_role", "own_objectives", "responsibilities", "risks",
        ]


PARTNERSHIP_STATE = [
    "stage", "phase", "is_partnership", "relationship_label", "includes_home",
]


class PartnershipSummarySerializer(serializers.ModelSerializer):
    parties = PartySummarySerializer(many=True, read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "id", "title", "kind", "status", *PARTNERSHIP_STATE, "next_review_on",
            "starts_on", "ends_on", "parties", "updated_at", "version",
        ]
        read_only_fields = fields


class PartnershipDetailSerializer(serializers.ModelSerializer):
    parties = PartySerializer(many=True, read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "id", "title", "kind", "status", *PARTNERSHIP_STATE, "next_review_on",
            "shared_vision", "joint_objectives", "initiated_by", "thematic_areas",
            "impact_groups", "provinces", "programme", "starts_on", "ends_on", "has_funding",
            "parties", "created_at", "updated_at", "version",
        ]
        read_only_fields = fields


PARTNERSHIP_INPUT = [
    "title", "kind", "status", "shared_vision", "joint_objectives", "initiated_by",
    "thematic_areas", "impact_groups", "provinces", "programme", "starts_on", "ends_on",
    "has_funding", "next_review_on",
]


class PartnershipUpdateSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        max_length=60, help_text="A partnership kind key of the live policy."
    )
    version = serializers.IntegerField(required=False, help_text=VERSION_HELP)

    class Meta:
        model = Partnership
        fields = [*PARTNERSHIP_INPUT, "version"]


class PartnershipCreateSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        max_length=60, help_text="A partnership kind key of the live policy."
    )
    parties = PartyInputSerializer(
        many=True, help_text="Two or more organisations, each once, with their roles."
    )

    class Meta:
        model = Partnership
        fields = [*PARTNERSHIP_INPUT, "parties"]


class StageChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageChange
        fields = ["from_stage", "to_stage", "to_phase", "note", "at"]
        read_only_fields = fields


class GateTickSerializer(serializers.ModelSerializer):
    class Meta:
        model = GateTick
        fields = ["stage", "item", "evidence", "at"]
        read_only_fields = fields


class HistorySerializer(serializers.Serializer):
    stage_changes = StageChangeSerializer(many=True, read_only=True)
    gate_ticks = GateTickSerializer(many=True, read_only=True)


class QuestionSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The non-partnership pattern the question tests.")
    question = serializers.CharField(help_text="Answer true when the pattern is present.")
    pattern = serializers.CharField()
    label = serializers.CharField(help_text="What the relationship is called if present.")
    remedy = serializers.CharField()


class QuestionsSerializer(serializers.Serializer):
    questions = QuestionSerializer(many=True, read_only=True)


class AnswersSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.BooleanField(),
        help_text="Each question's key -> true when the pattern is present.",
    )


class PatternFoundSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    remedy = serializers.CharField()


class QualificationResultSerializer(serializers.Serializer):
    is_partnership = serializers.BooleanField()
    verdict = serializers.CharField()
    relationship_label = serializers.CharField(allow_blank=True)
    patterns_found = PatternFoundSerializer(many=True)
    at = serializers.DateTimeField()


class MoveSerializer(serializers.Serializer):
    to_stage = serializers.CharField(max_length=60, help_text="A stage key of the cycle.")
    to_phase = serializers.CharField(
        max_length=60, required=False, allow_blank=True,
        help_text="A phase key of that stage; its first phase when left out.",
    )
    note = serializers.CharField(
        required=False, allow_blank=True, help_text="Why; required to go back a stage."
    )


# --- partnerships -------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(PartnershipSummarySerializer)),
    create=extend_schema(
        request=PartnershipCreateSerializer,
        responses=declared_answers(201, PartnershipDetailSerializer, 400),
    ),
    update=extend_schema(
        request=PartnershipUpdateSerializer,
        responses=declared_answers(200, PartnershipDetailSerializer, 400, 409),
    ),
    partial_update=extend_schema(
        request=PartnershipUpdateSerializer,
        responses=declared_answers(200, PartnershipDetailSerializer, 400, 409),
    ),
)
class PartnershipViewSet(
    VersionedUpdates,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Partnerships, each with its parties and what they bring, and its place in the cycle."""

    filterset_class = PartnershipFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        visible = Partnership.objects.visible_to(self.request.user)
        if self.action == "list":
            return visible.for_list().order_by("title", "pk")
        if self.action in ("history", "qualify"):
            return visible
        return visible.prefetch_related(
            "thematic_areas",
            "impact_groups",
            "provinces",
            Prefetch(
                "parties",
                queryset=Party.objects.select_related("organisation").prefetch_related(
                    "contributions"
                ),
            ),
        )

    def get_serializer_class(self):
        return {
            "list": PartnershipSummarySerializer,
            "create": PartnershipCreateSerializer,
            "update": PartnershipUpdateSerializer,
            "partial_update": PartnershipUpdateSerializer,
        }.get(self.action, PartnershipDetailSerializer)

    def _detail(self, pk, code=status.HTTP_200_OK):
        partnership = self.get_queryset().get(pk=pk)
        return Response(PartnershipDetailSerializer(partnership).data, status=code)

    def _for_editor(self):
        """The partnership of the URL, for a write: 404 outside the scope, 403 for one
        who may read it but not change it."""
        partnership = self.get_object()
        if not access.may_edit_partnership(self.request.user, partnership):
            raise exceptions.PermissionDenied()
        return partnership

    def create(self, request, *args, **kwargs):
        # Refused before its input is read: one who may not learns nothing from errors.
        if not access.may_edit_partnership(request.user):
            raise exceptions.PermissionDenied()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        parties = [dict(p) for p in data.pop("parties")]
        with service_errors():
            partnership = services.partnership_create(by=request.user, data=data, parties=parties)
        return self._detail(partnership.pk, status.HTTP_201_CREATED)

    def editable_object(self):
        return self._for_editor()

    def apply_update(self, partnership, *, data, expected_version):
        return services.partnership_update(
            partnership=partnership, by=self.request.user, data=data,
            expected_version=expected_version,
        )

    def updated_answer(self, partnership):
        return self._detail(partnership.pk)

    @extend_schema(responses=declared_answers(200, HistorySerializer))
    @action(detail=True, methods=["get"], serializer_class=HistorySerializer)
    def history(self, request, pk=None, **kwargs):
        """The stage changes, oldest first, and the gate items ticked."""
        partnership = self.get_object()
        return Response(
            HistorySerializer(
                {
                    "stage_changes": partnership.stage_changes.all(),
                    "gate_ticks": partnership.gate_ticks.order_by("at", "pk"),
                }
            ).data
        )

    @extend_schema(methods=["GET"], responses=declared_answers(200, QuestionsSerializer))
    @extend_schema(
        methods=["POST"],
        request=AnswersSerializer,
        responses=declared_answers(201, QualificationResultSerializer, 400),
    )
    @action(detail=True, methods=["get", "post"])
    def qualify(self, request, pk=None, **kwargs):
        """Is this a partnership? GET the questions (one per non-partnership pattern of the
        policy); POST the answers to record the check and read its result."""
        partnership = self.get_object()
        if request.method == "GET":
            return Response({"questions": cycle.qualification_questions()})
        partnership = self._for_editor()
        answers = AnswersSerializer(data=request.data)
        answers.is_valid(raise_exception=True)
        with service_errors():
            check = cycle.qualification_run(
                partnership=partnership, by=request.user,
                answers=answers.validated_data["answers"],
            )
        questions = {q["key"]: q for q in cycle.qualification_questions()}
        found = [questions[key] for key in check.patterns_found if key in questions]
        if check.is_partnership:
            verdict = _("A partnership.")
        else:
            verdict = _("Not a partnership: %(labels)s.") % {
                "labels": "; ".join(q["label"] for q in found)
            }
        result = {
            "is_partnership": check.is_partnership,
            "verdict": verdict,
            "relationship_label": partnership.relationship_label,
            "patterns_found": found,
            "at": check.at,
        }
        return Response(
            QualificationResultSerializer(result).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=MoveSerializer, responses=declared_answers(200, PartnershipDetailSerializer, 400)
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None, **kwargs):
        """Move to another phase, to the next stage once its gate is complete, or back
        where the policy's cycle loops. Refused (400, with the reason) otherwise."""
        partnership = self._for_editor()
        move = MoveSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        with service_errors():
            cycle.stage_move(partnership=partnership, by=request.user, **move.validated_data)
        return self._detail(partnership.pk)


# --- contributions ------------------------------------------------------------------------


class VisiblePartyField(serializers.PrimaryKeyRelatedField):
    """A party of a partnership the user may read: any other is "does not exist"."""

    def get_queryset(self):
        user = self.context["request"].user
        return Party.objects.filter(
            partnership__in=Partnership.objects.visible_to(user)
        ).select_related("organisation")


class ContributionSerializer(serializers.ModelSerializer):
    party = VisiblePartyField(queryset=Party.objects.all())
    # Shape only: that a value is not negative is the model's rule (and its message).
    estimated_value = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    partnership = serializers.IntegerField(source="party.partnership_id", read_only=True)
    organisation = serializers.IntegerField(source="party.organisation_id", read_only=True)
    version = serializers.IntegerField(required=False, help_text=VERSION_HELP)

    class Meta:
        model = Contribution
        fields = [
            "id", "party", "partnership", "organisation", "kind", "description",
            "estimated_value", "currency", "version",
        ]
        # The model checks the code (with the value, so both are reported at once).
        extra_kwargs = {"currency": {"validators": []}}

    def validate_party(self, party):
        # Raised here, before the other fields' errors are reported.
        if not access.may_act_for_party(self.context["request"].user, party):
            raise exceptions.PermissionDenied()
        if self.instance and self.instance.party_id != party.pk:
            raise serializers.ValidationError(_("A contribution cannot move to another party."))
        return party


class ContributionFilter(filters.FilterSet):
    # Plain numbers, not model choices: a choice check would tell an outsider which
    # partnership ids exist.
    partnership = IdFilter(field_name="party__partnership_id")
    party = IdFilter(field_name="party_id")

    class Meta:
        model = Contribution
        fields = ["partnership", "party", "kind"]


@extend_schema_view(list=extend_schema(responses=declared_list_answers(ContributionSerializer)))
class ContributionViewSet(VersionedUpdates, viewsets.ModelViewSet):
    """What each party brings. Partners keep their own party's; home admins and staff all."""

    serializer_class = ContributionSerializer
    filterset_class = ContributionFilter
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        visible = Partnership.objects.visible_to(self.request.user)
        return (
            Contribution.objects.filter(party__partnership__in=visible)
            .select_related("party")
            .order_by("party__partnership", "party", "pk")
        )

    fixed_on_update = ("party",)

    def editable_object(self):
        contribution = self.get_object()  # 404 outside the scope
        if not access.may_act_for_party(self.request.user, contribution.party):
            raise exceptions.PermissionDenied()
        return contribution

    def create(self, request, *args, **kwargs):
        if not access.may_add_contributions(request.user):
            raise exceptions.PermissionDenied()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        party = data.pop("party")
        with service_errors():
            serializer.instance = services.contribution_add(
                party=party, by=self.request.user, data=data
            )

    def apply_update(self, contribution, *, data, expected_version):
        return services.contribution_update(
            contribution=contribution, by=self.request.user, data=data,
            expected_version=expected_version,
        )

    def destroy(self, request, *args, **kwargs):
        services.contribution_delete(contribution=self.editable_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- comments -----------------------------------------------------------------------------


class VisiblePartnershipField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return Partnership.objects.visible_to(self.context["request"].user)


class CommentSerializer(serializers.ModelSerializer):
    partnership = VisiblePartnershipField(queryset=Partnership.objects.all())
    author_name = serializers.SerializerMethodField()
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, default=""
    )

    class Meta:
        model = Comment
        fields = ["id", "partnership", "text", "author_name", "organisation", "organisation_name",
                  "at"]
        read_only_fields = ["organisation", "at"]

    def get_author_name(self, comment) -> str:
        return comment.author.full_name if comment.author else ""


class CommentFilter(filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")

    class Meta:
        model = Comment
        fields = ["partnership"]


@extend_schema_view(list=extend_schema(responses=declared_list_answers(CommentSerializer)))
class CommentViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The conversation on each partnership, oldest first."""

    serializer_class = CommentSerializer
    filterset_class = CommentFilter

    def get_queryset(self):
        visible = Partnership.objects.visible_to(self.request.user)
        return (
            Comment.objects.filter(partnership__in=visible)
            .select_related("author", "organisation")
            .order_by("partnership", "at", "pk")
        )

    def create(self, request, *args, **kwargs):
        if not access.may_comment(request.user):
            raise exceptions.PermissionDenied()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = services.comment_add(
                partnership=serializer.validated_data["partnership"],
                by=self.request.user,
                text=serializer.validated_data["text"],
            )


# --- read-only: agreements with their versions and signatures, reviews, gate items --------
# (issue #18: the API covers what the pages cover). Each reads only what belongs to the
# partnerships the user may see; anything else is 404.


class SignatureSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="party.organisation_id", read_only=True)

    class Meta:
        model = Signature
        fields = ["party", "organisation", "signatory", "title", "signed_on"]
        read_only_fields = fields


class AgreementSerializer(serializers.ModelSerializer):
    signatures = SignatureSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = ["id", "partnership", "number", "language", "status", "content",
                  "principles", "states_all_principles", "checklist", "created_at",
                  "signatures"]
        read_only_fields = fields


class ReviewValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewValue
        fields = ["party", "expected", "received", "rating"]
        read_only_fields = fields


class ReviewSerializer(serializers.ModelSerializer):
    values = ReviewValueSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields = ["id", "partnership", "held_on", "objectives_met", "objectives_notes",
                  "principle_ratings", "contributions_delivered", "governance_working",
                  "membership_change", "revise_agreement", "recommendation", "at", "values"]
        read_only_fields = fields


class GateItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = GateTick
        fields = ["id", "partnership", "stage", "item", "evidence", "at"]
        read_only_fields = fields


class _OfVisiblePartnerships(filters.FilterSet):
    partnership = filters.NumberFilter(field_name="partnership_id")


def _visible(model, user):
    return model.objects.filter(partnership__in=Partnership.objects.visible_to(user))


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(AgreementSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, AgreementSerializer)),
)
class AgreementViewSet(viewsets.ReadOnlyModelViewSet):
    """Each version of the partnerships' agreements (MoUs), with their signatures."""

    serializer_class = AgreementSerializer
    filterset_class = _OfVisiblePartnerships
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return _visible(Agreement, self.request.user).prefetch_related(
            Prefetch("signatures", queryset=Signature.objects.select_related("party"))
        ).order_by("partnership_id", "number")


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(ReviewSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, ReviewSerializer)),
)
class ReviewViewSet(viewsets.ReadOnlyModelViewSet):
    """The partnerships' reviews, with what each party expected and got."""

    serializer_class = ReviewSerializer
    filterset_class = _OfVisiblePartnerships
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return _visible(Review, self.request.user).prefetch_related("values") \
            .order_by("-held_on", "-pk")


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(GateItemSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, GateItemSerializer)),
)
class GateItemViewSet(viewsets.ReadOnlyModelViewSet):
    """The gate checklist items ticked, by partnership and stage, with their evidence."""

    serializer_class = GateItemSerializer
    filterset_class = _OfVisiblePartnerships
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return _visible(GateTick, self.request.user).order_by("partnership_id", "stage", "pk")


def register(router):
    router.register("partnerships", PartnershipViewSet, basename="partnership")
    router.register("contributions", ContributionViewSet, basename="contribution")
    router.register("comments", CommentViewSet, basename="comment")
    router.register("agreements", AgreementViewSet, basename="agreement")
    router.register("reviews", ReviewViewSet, basename="review")
    router.register("gate-items", GateItemViewSet, basename="gate-item")
