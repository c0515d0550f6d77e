import factory

from hamwe.partners.models import Contact, Organisation, Province, Sector, ThematicArea


class ThematicAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThematicArea
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Theme {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n:04d}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    sector = Sector.CIVIL_SOCIETY
    iati_type = 22
    # get_or_create: tables emptied by a transactional (browser) test lose the provinces
    # that the data migration loaded.
    province = factory.LazyFunction(
        lambda: Province.objects.get_or_create(code="BI-GI", defaults={"name": "Gitega"})[0]
    )
    commune = "Gitega"
    founded_year = 2005


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    position = "Coordinator"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
