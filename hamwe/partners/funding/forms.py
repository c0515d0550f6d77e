"""Forms of the funding pages: shape only."""

from django import forms

from hamwe.core.forms import VersionedForm

from ..models import Funding, FundingRate, Organisation


class FundingForm(VersionedForm):
    class Meta:
        model = Funding
        fields = ["year", "source_name", "category", "amount", "currency", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The registry's donors and international organisations, as optional links.
        self.fields["source"].queryset = Organisation.objects.filter(
            sector__in=["donor", "ingo", "public", "private"]).order_by("name")


class RateForm(forms.Form):
    """A year's rate of a currency; given again, it replaces the year's rate."""

    year = FundingRate._meta.get_field("year").formfield()
    currency = FundingRate._meta.get_field("currency").formfield()
    rate = FundingRate._meta.get_field("rate").formfield()
