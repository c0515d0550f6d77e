"""The partner registry through the API, under the same access rule as the pages."""

from django.utils.translation import gettext as _
from django_countries.serializer_fields import CountryField
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.response import Response

from hamwe.accounts import access
from hamwe.core.api import service_errors

from . import services
from .filters import OrganisationFilter
from .forms import OrganisationForm
from .models import SECTOR_IATI_TYPE, Contact, Organisation


class OrganisationSerializer(serializers.ModelSerializer):
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
        if not access.sees_private(user, instance.pk):
            allowed = {"id", *Organisation.PUBLIC_FIELDS}
            data = {k: v for k, v in data.items() if k in allowed}
        return data

    def validate_name(self, value):
        # One rule for pages and API: the form's.
        form = OrganisationForm(instance=self.instance)
        form.cleaned_data = {"name": value}
        try:
            return form.clean_name()
        except Exception as error:  # ValidationError from the form
            raise serializers.ValidationError(error.messages) from error

    def validate(self, attrs):
        if attrs.get("sector") and not attrs.get("iati_type") and not (
            self.instance and self.instance.iati_type
        ):
            attrs["iati_type"] = SECTOR_IATI_TYPE.get(attrs["sector"])
        return attrs


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
        if not access.may_edit_registry(self.request.user):
            raise exceptions.PermissionDenied()
        data = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        serializer.instance = services.organisation_create(by=self.request.user, data=data)

    def update(self, request, *args, **kwargs):
        organisation = self.get_object()
        if not access.may_edit_organisation(request.user, organisation.pk):
            raise exceptions.PermissionDenied()
        serializer = self.get_serializer(
            organisation, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        expected = serializer.validated_data.get("version")
        if expected is None:
            raise exceptions.ValidationError({"version": [_("Send the version you read.")]})
        data = {k: v for k, v in serializer.validated_data.items() if k != "version"}
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
        user = self.context["request"].user
        if not access.may_edit_organisation(user, organisation.pk):
            raise exceptions.PermissionDenied()
        if self.instance and self.instance.organisation_id != organisation.pk:
            raise serializers.ValidationError(_("A contact cannot move to another organisation."))
        return organisation

    def validate(self, attrs):
        email = attrs.get("email", getattr(self.instance, "email", ""))
        phone = attrs.get("phone", getattr(self.instance, "phone", ""))
        if not email and not phone:
            raise serializers.ValidationError(
                _("Give at least an e-mail address or a phone number.")
            )
        return attrs


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
        if not (access.may_edit_registry(request.user) or access.is_partner(request.user)):
            raise exceptions.PermissionDenied()
        return super().create(request, *args, **kwargs)

    def _require_edit(self, contact):
        if not access.may_edit_organisation(self.request.user, contact.organisation_id):
            raise exceptions.PermissionDenied()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        organisation = data.pop("organisation")
        serializer.instance = services.contact_create(
            organisation=organisation, by=self.request.user, data=data
        )

    def update(self, request, *args, **kwargs):
        contact = self.get_object()
        self._require_edit(contact)
        serializer = self.get_serializer(
            contact, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        if expected is None:
            raise exceptions.ValidationError({"version": [_("Send the version you read.")]})
        data.pop("organisation", None)
        with service_errors():
            updated = services.contact_update(
                contact=contact, by=request.user, data=data, expected_version=expected
            )
        return Response(self.get_serializer(updated).data)

    def perform_destroy(self, instance):
        self._require_edit(instance)
        services.contact_delete(contact=instance, by=self.request.user)


def register(router):
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("contacts", ContactViewSet, basename="contact")
