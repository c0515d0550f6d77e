"""The partner registry through the API, under the same access rule as the pages."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries.serializer_fields import CountryField
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from hamwe.accounts import access
from hamwe.core.api import (
    BoundedJSONParser,
    VersionedUpdates,
    declared_answers,
    declared_list_answers,
    service_errors,
)
from hamwe.core.uploads import file_response

from . import selectors, services
from .diligence.api import DiligenceItemViewSet
from .filters import OrganisationFilter
from .funding.api import FundingViewSet
from .models import Contact, Document, ImpactGroup, Organisation, ThematicArea, in_reading_order


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation. Its own users and the home organisation read the whole record;
    other partner users only the public profile: the private fields and the record's
    bookkeeping (dates, version) are then absent."""

    # Documented, but not required: a partner reading another organisation gets none.
    sometimes_absent = (
        *Organisation.PRIVATE_FIELDS, *(f for f in Organisation.RECORD_FIELDS if f != "id")
    )

    country = CountryField(required=False)
    version = serializers.IntegerField(
        required=False,
        help_text="The version you read; required to update, so no one's edit is overwritten.",
    )
    confirm_iati_type = serializers.BooleanField(
        write_only=True, required=False, default=False,
        help_text="Keep an IATI type that does not fit the sector (refused with 400 "
        "otherwise, with the reason under iati_type).",
    )

    class Meta:
        model = Organisation
        fields = [
            "confirm_iati_type",
            "id", "name", "acronym", "sector", "iati_type", "description", "is_home",
            "legal_status", "registration_number", "registration_authority", "registered_on",
            "country", "province", "commune", "address", "presence", "provinces",
            "thematic_areas", "impact_groups", "founded_year", "staff_size", "website",
            "email", "phone", "notes", "never_publish", "created_at", "updated_at", "version",
        ]
        read_only_fields = ["is_home", "created_at", "updated_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self.context["request"].user
        allowed = selectors.profile_fields(user, instance.pk, bookkeeping=True)
        return {k: v for k, v in data.items() if k in allowed}


class OrganisationViewSet(
    VersionedUpdates,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Organisations of every sector. Partner users get only the public profile of others."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def get_queryset(self):
        return (
            Organisation.objects.visible_to(self.request.user)
            .select_related("province")
            .prefetch_related("provinces", "thematic_areas", "impact_groups")
            .order_by("name", "pk")
        )

    def create(self, request, *args, **kwargs):
        # Refuse before validating: one who may not create gets 403 whatever they send,
        # not a 400 that reports on the registry (e.g. that a name is already taken).
        if not access.may_edit_registry(request.user):
            raise exceptions.PermissionDenied()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        confirmed = data.pop("confirm_iati_type", False)
        with service_errors():
            serializer.instance = services.organisation_create(
                by=self.request.user, data=data, confirm_iati_type=confirmed
            )

    def editable_object(self):
        return selectors.organisation_for_editor(user=self.request.user, pk=self.kwargs["pk"])

    def apply_update(self, organisation, *, data, expected_version):
        confirmed = data.pop("confirm_iati_type", False)
        return services.organisation_update(
            organisation=organisation, by=self.request.user, data=data,
            expected_version=expected_version, confirm_iati_type=confirmed,
        )


class ContactSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Contact
        fields = [
            "id", "organisation", "name", "position", "email", "phone", "is_primary", "notes",
            "updated_at", "version",
        ]
        read_only_fields = ["updated_at"]

    def validate_organisation(self, organisation):
        # The organisation is where the contact is written: a refusal, not a field error.
        if not access.may_edit_organisation(self.context["request"].user, organisation.pk):
            raise exceptions.PermissionDenied()
        if self.instance and self.instance.organisation_id != organisation.pk:
            raise serializers.ValidationError(_("A contact cannot move to another organisation."))
        return organisation


class ContactViewSet(VersionedUpdates, viewsets.ModelViewSet):
    """Contact persons: visible only to their organisation and the home organisation."""

    serializer_class = ContactSerializer
    filterset_fields = ["organisation", "is_primary"]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return Contact.objects.visible_to(self.request.user).order_by("organisation", "name", "pk")

    def create(self, request, *args, **kwargs):
        # Only those who keep some organisation's contacts may add one; refuse before
        # validating so a viewer learns nothing from field errors.
        if not access.may_keep_some_contacts(request.user):
            raise exceptions.PermissionDenied()
        return super().create(request, *args, **kwargs)

    fixed_on_update = ("organisation",)

    def editable_object(self):
        contact = self.get_object()  # 404 outside the scope
        return selectors.contact_for_editor(
            user=self.request.user, organisation_pk=contact.organisation_id, pk=contact.pk
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        organisation = data.pop("organisation")
        with service_errors():
            serializer.instance = services.contact_create(
                organisation=organisation, by=self.request.user, data=data
            )

    def apply_update(self, contact, *, data, expected_version):
        return services.contact_update(
            contact=contact, by=self.request.user, data=data, expected_version=expected_version
        )

    def destroy(self, request, *args, **kwargs):
        contact = self.editable_object()
        services.contact_delete(contact=contact, by=request.user)
        return Response(status=204)


# --- Reference data: named in the language of the request ----------------------------------


class ReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(
        source="label", read_only=True,
        help_text="In the request's language (Accept-Language), English where not translated.",
    )
    names = serializers.DictField(
        child=serializers.CharField(allow_blank=True), read_only=True,
        help_text="Every language's name: en, fr, sv (empty where not translated).",
    )


class _ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReferenceSerializer
    pagination_class = None  # a few rows, sorted by their names in the reader's language
    lookup_value_regex = r"\d+"
    model = None

    def get_queryset(self):
        return self.model.objects.all()

    def list(self, request, *args, **kwargs):
        rows = in_reading_order(self.get_queryset())
        return Response(self.get_serializer(rows, many=True).data)


REFERENCE_LIST = extend_schema(responses=declared_answers(200, ReferenceSerializer(many=True)))


@extend_schema_view(list=REFERENCE_LIST)
class ThematicAreaViewSet(_ReferenceViewSet):
    """Thematic areas, for the `thematic_areas` of organisations and partnerships."""

    model = ThematicArea


@extend_schema_view(list=REFERENCE_LIST)
class ImpactGroupViewSet(_ReferenceViewSet):
    """Impact groups, for the `impact_groups` of organisations and partnerships."""

    model = ImpactGroup


# --- Documents ----------------------------------------------------------------------------


class DocumentSerializer(serializers.ModelSerializer):
    file = serializers.FileField(
        write_only=True, required=False,
        help_text="The file (multipart): PDF, JPEG, PNG, DOCX, XLSX, ODT or ODS, at most 10 "
        "MB, checked by its content. Required to add a document; on an update, it replaces "
        "the stored file.",
    )
    file_url = serializers.SerializerMethodField(help_text="Where to download the file.")
    expired = serializers.SerializerMethodField()
    version = serializers.IntegerField(
        required=False,
        help_text="The version you read; required to update, so no one's edit is overwritten.",
    )

    class Meta:
        model = Document
        fields = [
            "id", "organisation", "kind", "dated", "expires_on", "expired", "note", "file",
            "file_url", "created_at", "updated_at", "version",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_file_url(self, document) -> str:
        return self.context["request"].build_absolute_uri(
            f"/api/v1/documents/{document.pk}/file/"
        )

    def get_expired(self, document) -> bool:
        return bool(document.expires_on and document.expires_on < timezone.localdate())

    def validate_organisation(self, organisation):
        # The organisation is where the document is written: a refusal, not a field error.
        if not access.may_keep_documents(self.context["request"].user, organisation.pk):
            raise exceptions.PermissionDenied()
        if self.instance and self.instance.organisation_id != organisation.pk:
            raise serializers.ValidationError(
                _("A document cannot move to another organisation."))
        return organisation


class DocumentFilter(filters.FilterSet):
    # A plain number: a choice check would say nothing more here, but stays the same
    # shape as the other private lists.
    organisation = filters.NumberFilter(field_name="organisation_id")

    class Meta:
        model = Document
        fields = ["organisation", "kind"]


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(DocumentSerializer)),
    create=extend_schema(responses=declared_answers(201, DocumentSerializer, 400)),
    update=extend_schema(responses=declared_answers(200, DocumentSerializer, 400, 409)),
    partial_update=extend_schema(responses=declared_answers(200, DocumentSerializer, 400, 409)),
)
class DocumentViewSet(VersionedUpdates, viewsets.ModelViewSet):
    """An organisation's documents (statutes, registration certificate, audited accounts
    ...): visible only to the organisation's own users and the home organisation, like
    its contacts; kept by its partner users and by home admins and staff."""

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    # Files come as multipart; JSON (the other fields) as bounded as everywhere else.
    parser_classes = [MultiPartParser, FormParser, BoundedJSONParser]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return Document.objects.visible_to(self.request.user).order_by(
            "organisation", "kind", "-dated", "pk"
        )

    fixed_on_update = ("organisation",)

    def editable_object(self):
        document = self.get_object()  # 404 outside the scope
        return selectors.document_for_editor(
            user=self.request.user, organisation_pk=document.organisation_id, pk=document.pk
        )

    def create(self, request, *args, **kwargs):
        # Refused before validating: one who may not add learns nothing from field errors.
        if not access.may_keep_some_documents(request.user):
            raise exceptions.PermissionDenied()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        organisation = data.pop("organisation")
        with service_errors():
            document = services.document_add(
                organisation=organisation, by=request.user, data=data
            )
        return Response(self.get_serializer(document).data, status=status.HTTP_201_CREATED)

    def apply_update(self, document, *, data, expected_version):
        return services.document_update(
            document=document, by=self.request.user, data=data,
            expected_version=expected_version,
        )

    def destroy(self, request, *args, **kwargs):
        services.document_delete(document=self.editable_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=declared_answers(200, OpenApiTypes.BINARY))
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None, **kwargs):
        """The stored file, to those who may read the document."""
        document = selectors.document_for_user(user=request.user, pk=pk)
        return file_response(document.file, filename=document.download_name())


def register(router):
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("contacts", ContactViewSet, basename="contact")
    router.register("documents", DocumentViewSet, basename="document")
    router.register("thematic-areas", ThematicAreaViewSet, basename="thematic-area")
    router.register("impact-groups", ImpactGroupViewSet, basename="impact-group")
    router.register("diligence-items", DiligenceItemViewSet, basename="diligence-item")
    router.register("funding", FundingViewSet, basename="funding")
