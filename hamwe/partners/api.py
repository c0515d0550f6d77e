"""The partner registry through the API, under the same access rule as the pages."""

from django.utils.translation import gettext as _
from django_countries.serializer_fields import CountryField
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.response import Response

from hamwe.accounts import access
from hamwe.core.api import service_errors, take_version

from . import selectors, services
from .filters import OrganisationFilter
from .models import Contact, Organisation


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

    class Meta:
        model = Organisation
        fields = [
            "id", "name", "acronym", "sector", "iati_type", "description", "is_home",
            "legal_status", "registration_number", "registration_authority", "registered_on",
            "country", "province", "commune", "address", "presence", "provinces",
            "thematic_areas", "impact_groups", "founded_year", "staff_size", "website",
            "email", "phone", "notes", "created_at", "updated_at", "version",
        ]
        read_only_fields = ["is_home", "created_at", "updated_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self.context["request"].user
        allowed = selectors.profile_fields(user, instance.pk, bookkeeping=True)
        return {k: v for k, v in data.items() if k in allowed}


class OrganisationViewSet(
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
        with service_errors():
            serializer.instance = services.organisation_create(by=self.request.user, data=data)

    def update(self, request, *args, **kwargs):
        organisation = selectors.organisation_for_editor(user=request.user, pk=kwargs["pk"])
        serializer = self.get_serializer(
            organisation, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = take_version(data)
        with service_errors():
            updated = services.organisation_update(
                organisation=organisation, by=request.user, data=data, expected_version=expected
            )
        return Response(self.get_serializer(updated).data)


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


class ContactViewSet(viewsets.ModelViewSet):
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

    def _for_editor(self, pk):
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

    def update(self, request, *args, **kwargs):
        contact = self._for_editor(kwargs["pk"])
        serializer = self.get_serializer(
            contact, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = take_version(data)
        data.pop("organisation", None)
        with service_errors():
            updated = services.contact_update(
                contact=contact, by=request.user, data=data, expected_version=expected
            )
        return Response(self.get_serializer(updated).data)

    def destroy(self, request, *args, **kwargs):
        contact = self._for_editor(kwargs["pk"])
        services.contact_delete(contact=contact, by=request.user)
        return Response(status=204)


def register(router):
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("contacts", ContactViewSet, basename="contact")
