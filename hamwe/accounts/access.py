"""The access rule: the one place that says who may see and change what.

Every read of partner data goes through `scope()` (each model's QuerySet has a
`visible_to(user)` method that calls it with the path to the owning organisation), and
every "may this user ..." is one of the named predicates below. Nothing else decides
access: a view, template, template tag, service, export or API endpoint asks here, and
reads neither `user.role` nor `user.is_partner_admin` itself (a test enforces it).

The rule:
- home-organisation admins, staff and viewers see every record; admins and staff change them;
- a partner user sees their own organisation's full record, and only the public profile
  of other organisations; never another organisation's contacts, documents,
  assessments or reports;
- a user with no role, an inactive user and an anonymous visitor see nothing.

Predicates take the objects they judge (or their ids) and never query the database,
except where their docstring says so.
"""

from django.conf import settings
from django.db.models import Q, QuerySet

from .models import HOME_ROLES, Role, User

HOME_EDITOR_ROLES = (Role.ADMIN, Role.STAFF)


# --- Who the user is --------------------------------------------------------------------


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_home(user) -> bool:
    """A member of the home organisation (admin, staff or viewer)."""
    return _active(user) and user.role in HOME_ROLES


def is_partner(user) -> bool:
    return _active(user) and user.role == Role.PARTNER and user.organisation_id is not None


def is_partner_admin(user) -> bool:
    """A partner user who may also invite and manage colleagues of their organisation."""
    return is_partner(user) and user.is_partner_admin


def has_role(user) -> bool:
    return is_home(user) or is_partner(user)


def is_home_editor(user) -> bool:
    """A home-organisation admin or staff member: reads and changes the whole registry."""
    return is_home(user) and user.role in HOME_EDITOR_ROLES


def is_home_admin(user) -> bool:
    return is_home(user) and user.role == Role.ADMIN


def belongs_to(user, organisation_id) -> bool:
    """A partner user of this organisation."""
    return is_partner(user) and organisation_id is not None and (
        user.organisation_id == organisation_id
    )


# --- Reading ----------------------------------------------------------------------------


def scope(qs: QuerySet, user, *, via: str) -> QuerySet:
    """The part of `qs` that `user` may read in full.

    `via` is the lookup path from the queryset's model to the organisation(s) that own a
    row, e.g. "organisation" for a contact, "pk" for an organisation itself,
    "parties__organisation" for a partnership. A row owned by several organisations is
    visible to a partner user of any of them.
    """
    if is_home(user):
        return qs
    if is_partner(user):
        if "__" in via:
            # Following a to-many path would repeat rows; select the keys instead.
            owned = qs.model._base_manager.filter(**{via: user.organisation_id}).values("pk")
            return qs.filter(pk__in=owned)
        return qs.filter(**{via: user.organisation_id})
    return qs.none()


def scope_shared(qs: QuerySet, user, *, via: str, shared: Q, chosen: Q,
                 chosen_via: str) -> QuerySet:
    """Rows of `qs` that `user` may read when rows are owned by organisations (`via`, as
    in `scope`) and shared beyond them: home users read every row; a partner user reads
    its own organisation's rows, those matching `shared` (shared with every partner) and
    those matching `chosen` whose `chosen_via` organisations include its own. Never
    another organisation's row shared with no one."""
    if is_home(user):
        return qs
    if not is_partner(user):
        return qs.none()
    model = qs.model._base_manager
    own = model.filter(**{via: user.organisation_id}).values("pk")
    chosen_for = model.filter(**{chosen_via: user.organisation_id}).values("pk")
    return qs.filter(Q(pk__in=own) | shared | (chosen & Q(pk__in=chosen_for)))


def scope_public(qs: QuerySet, user) -> QuerySet:
    """Rows whose *public profile* the user may read (every signed-in user with a role)."""
    return qs if has_role(user) else qs.none()


def scope_or_public(qs: QuerySet, user, *, via: str, public: Q) -> QuerySet:
    """The rows `user` may read in full (`scope`) and those the condition `public` opens
    to every user with a role (a public network: a partner reads it, never another's
    members-only one)."""
    if is_home(user):
        return qs
    if not has_role(user):
        return qs.none()
    return qs.filter(public | Q(pk__in=scope(qs, user, via=via).values("pk")))


def sees_private(user, organisation_id) -> bool:
    """May the user read the non-public part of this organisation's record?"""
    return is_home(user) or belongs_to(user, organisation_id)


def may_see_audit(user) -> bool:
    """The change history of records: home admins and staff."""
    return is_home_editor(user)


# --- The registry -----------------------------------------------------------------------


def may_edit_registry(user) -> bool:
    """Create organisations and edit any of them: home-organisation admins and staff."""
    return is_home_editor(user)


def may_edit_organisation(user, organisation_id) -> bool:
    """Partners keep their own profile and contacts; home admins and staff everyone's."""
    return may_edit_registry(user) or belongs_to(user, organisation_id)


def may_import(user) -> bool:
    """Bring organisations (and later other records) in from a spreadsheet: whoever may
    edit the whole registry, since a file may touch any organisation."""
    return may_edit_registry(user)


def may_publish_iati(user) -> bool:
    """Make and publish the IATI files: home-organisation admins and staff."""
    return is_home_editor(user)


def may_keep_some_contacts(user) -> bool:
    """May add contacts to at least one organisation (their own, or any)."""
    return may_edit_registry(user) or is_partner(user)


def may_be_asked(user) -> bool:
    """Is asked to do things (what is due): home admins and staff, and partner users, for
    their own organisation. Viewers only read."""
    return is_home_editor(user) or is_partner(user)


def may_keep_documents(user, organisation_id) -> bool:
    """Add, replace and remove an organisation's documents (statutes, registration,
    audited accounts ...): its own partner users, and home admins and staff for any."""
    return may_edit_registry(user) or belongs_to(user, organisation_id)


def may_keep_some_documents(user) -> bool:
    """May keep the documents of at least one organisation (their own, or any)."""
    return may_edit_registry(user) or is_partner(user)


# --- Due diligence, risk flags and funding (partners) ----------------------------------


def may_answer_diligence(user, organisation_id) -> bool:
    """Give the organisation's own answer on its due-diligence items: its partner users."""
    return belongs_to(user, organisation_id)


def may_review_diligence(user) -> bool:
    """Record the home organisation's verdict on a partner's items, and keep the items of
    its own on every checklist: home admins and staff."""
    return is_home_editor(user)


def may_add_diligence_evidence(user, organisation_id) -> bool:
    """Add evidence to an organisation's items: whoever answers or reviews them."""
    return may_review_diligence(user) or may_answer_diligence(user, organisation_id)


def scope_home_only(qs: QuerySet, user) -> QuerySet:
    """Rows only the home organisation reads (risk flags): no partner user, not even of
    the organisation concerned."""
    return qs if may_see_risk_flags(user) else qs.none()


def may_follow_all_partners(user) -> bool:
    """The overviews of every partner's due diligence and funding: home users."""
    return is_home(user)


def may_see_risk_flags(user) -> bool:
    """The risks the home organisation keeps about partners: home admins, staff, viewers."""
    return is_home(user)


def may_keep_risk_flags(user) -> bool:
    """Raise, change and close risk flags: home admins and staff."""
    return is_home_editor(user)


def may_enter_funding(user, organisation_id) -> bool:
    """Enter an organisation's funding: its own partner users, home admins and staff."""
    return is_home_editor(user) or belongs_to(user, organisation_id)


def may_enter_some_funding(user) -> bool:
    return is_home_editor(user) or is_partner(user)


def may_set_funding_rates(user) -> bool:
    """The yearly exchange rates funding is compared at: home admins and staff."""
    return is_home_editor(user)


def may_comment(user) -> bool:
    """Everyone with a role but a viewer (who only reads) may comment where they can read."""
    return has_role(user) and user.role != Role.VIEWER


# --- Partnerships -----------------------------------------------------------------------


def may_edit_partnership(user, partnership=None) -> bool:
    """The record itself (parties, stage, gates, reviews, agreements): home admins and
    staff. Partners read the partnerships they are party to, add their own party's
    contributions and comment. `partnership=None` asks about recording a new one."""
    return is_home_editor(user)


def may_act_for_party(user, party) -> bool:
    """Keep a party's contributions and record its signature: home admins and staff for
    any party, a partner user (not a viewer) for their own organisation's."""
    return may_edit_organisation(user, party.organisation_id)


def may_add_contributions(user) -> bool:
    """May add a contribution to some party (before knowing which)."""
    return is_home_editor(user) or is_partner(user)


# --- Score cards ------------------------------------------------------------------------


def may_run_scorecards(user) -> bool:
    """Create, open and close rounds, invite, self-evaluate, record meetings and decide
    the joint action plan: home admins and staff."""
    return is_home_editor(user)


def may_answer_scorecards(user) -> bool:
    """Rate the home NGO in a round: partner users (of an organisation)."""
    return is_partner(user)


def may_update_action(user, action, *, sharing_organisation_ids) -> bool:
    """An action of a joint action plan: home admins and staff update any; a partner user
    those their organisation owns and the joint ones it takes part in (the organisations
    `sharing_organisation_ids`, from the plan's selectors)."""
    if is_home_editor(user):
        return True
    if not is_partner(user):
        return False
    if action.owner == "partner":
        return action.owner_organisation_id == user.organisation_id
    if action.owner == "joint":
        return user.organisation_id in sharing_organisation_ids
    return False


# --- Networks and community structures -------------------------------------------------


def may_run_networks(user) -> bool:
    """Set up networks, record their members, status and hand-overs, and keep the
    community structures: home admins and staff."""
    return is_home_editor(user)


def may_keep_network(user, network) -> bool:
    """Record a network's meetings, joint activities and links: home admins and staff,
    and the users (not viewers) of the organisation that facilitates it now, once it has
    been handed over to them."""
    return is_home_editor(user) or belongs_to(user, network.facilitator_id)


# --- Capacity ---------------------------------------------------------------------------


def may_run_assessments(user) -> bool:
    """Start an assessment of any partner, give the facilitator's scores, record the
    agreed ones and complete it, and keep any partner's strengthening plan: home admins
    and staff."""
    return is_home_editor(user)


def may_start_assessment(user, organisation_id) -> bool:
    """Start an assessment of this partner (a partner user: a self- or mutual assessment
    of their own organisation)."""
    return is_home_editor(user) or belongs_to(user, organisation_id)


def may_self_score(user, assessment) -> bool:
    """Give the partner's own scores: its partner users, and home admins and staff who
    record them for the partner in a workshop (the audit trail says who)."""
    return is_home_editor(user) or belongs_to(user, assessment.organisation_id)


def may_update_capacity_action(user, action) -> bool:
    """An action of a strengthening plan: home admins and staff any; a partner user the
    actions its own organisation owns."""
    if is_home_editor(user):
        return True
    return action.owner == "partner" and belongs_to(user, action.organisation_id)


def may_share_passport(user, organisation_id) -> bool:
    """Make and revoke the share links of a partner's capacity passport: the partner
    controls them, so its own users only."""
    return belongs_to(user, organisation_id)


def may_revoke_passport_link(user, link) -> bool:
    """Revoke a share link: the partner's users, and home admins (a link found misused)."""
    return belongs_to(user, link.organisation_id) or is_home_admin(user)


# --- The strategy -----------------------------------------------------------------------


def may_read_strategy(user) -> bool:
    """What the policy shares with partners (transparency is a principle of both seed
    policies): the directions, indicators with their values, targets and statuses, and
    the action plan's timeline. Every user with a role."""
    return has_role(user)


def may_follow_strategy(user) -> bool:
    """What lies behind the figures: the records each value counts (partner rows), the
    entries with their evidence and who made them, progress notes, the annual reports.
    Home-organisation users."""
    return is_home(user)


def may_record_strategy_progress(user) -> bool:
    """Enter indicator values and evidence, update activities, make the annual report:
    home admins and staff."""
    return is_home_editor(user)


# --- Knowledge ----------------------------------------------------------------------------


def may_share_knowledge(user) -> bool:
    """Document an item (a lesson, a practice, a story ...): home admins and staff for any
    organisation, a partner user for its own (a draft, until the home NGO publishes it)."""
    return is_home_editor(user) or is_partner(user)


def may_edit_item(user, origin_ids, *, draft) -> bool:
    """Change an item: home admins and staff any; a partner user a draft its own
    organisation originates (`origin_ids`)."""
    if is_home_editor(user):
        return True
    return draft and is_partner(user) and user.organisation_id in origin_ids


def may_publish_knowledge(user) -> bool:
    """Publish an item and choose whom it is shared with, run learning events: home admins
    and staff."""
    return is_home_editor(user)


def may_record_adoption(user, organisation_id, origin_ids) -> bool:
    """Record that an organisation adopted an item: home admins and staff for anyone; a
    partner user when its organisation is the adopter or an origin of the item."""
    if is_home_editor(user):
        return True
    return is_partner(user) and (user.organisation_id == organisation_id
                                 or user.organisation_id in origin_ids)


def may_confirm_adoption(user, adoption, origin_ids) -> bool:
    """Confirm an adoption: the other side from the one that recorded it. When the adopter
    recorded it, an origin organisation confirms (the home NGO's editors for its own items
    and for any); when an origin recorded it, the adopter."""
    if adoption.confirmed_on is not None or not _active(user):
        return False
    if adoption.recorded_by_id == user.pk:
        return False
    if is_home_editor(user):
        return True
    if not is_partner(user):
        return False
    if adoption.recorded_by_adopter:
        return user.organisation_id in origin_ids and (
            user.organisation_id != adoption.organisation_id)
    return user.organisation_id == adoption.organisation_id


def may_record_use(user) -> bool:
    """Note that one consulted or used an item (for oneself): everyone with a role but a
    viewer."""
    return may_comment(user)


# --- People: key positions, competencies, evaluations ----------------------------------


def may_see_key_positions(user) -> bool:
    """Who holds which key position, and the competency framework with the partners'
    input: home-organisation users."""
    return is_home(user)


def may_manage_key_positions(user) -> bool:
    """Put staff in key positions and end their appointments: home admins."""
    return is_home_admin(user)


def may_run_consultations(user) -> bool:
    """Consult partners on the competencies, and close a consultation: home admins and
    staff."""
    return is_home_editor(user)


def may_give_competency_input(user) -> bool:
    """Comment on or rate the competencies in a consultation: partner users (their own
    invitation decides which)."""
    return is_partner(user)


def may_see_evaluation(user, *, person_id, manager_id) -> bool:
    """An evaluation is seen by the person evaluated, their manager and home admins only:
    never other staff, viewers or partners."""
    if is_home_admin(user):
        return True
    return is_home(user) and user.pk is not None and user.pk in (person_id, manager_id)


def may_start_evaluation(user, *, manager_id) -> bool:
    """Start a person's evaluation and ask partners for feedback: their manager, or a
    home admin."""
    return is_home_admin(user) or (is_home_editor(user) and user.pk == manager_id)


def may_self_assess(user, *, person_id) -> bool:
    return is_home(user) and person_id is not None and user.pk == person_id


def may_assess_as_manager(user, *, manager_id) -> bool:
    return is_home_editor(user) and manager_id is not None and user.pk == manager_id


def may_plan_development(user, *, person_id, manager_id) -> bool:
    """Add to and tick off a development plan: the person, their manager, home admins."""
    return may_see_evaluation(user, person_id=person_id, manager_id=manager_id)


def may_give_feedback(user) -> bool:
    """Give anonymous feedback on a person's partnership work: partner users (their own
    invitation decides on whom)."""
    return is_partner(user)


def evaluations_visible_to(qs: QuerySet, user, *, via="appointment") -> QuerySet:
    """The evaluations (or rows of one, through `via`) that `user` may read: all for a
    home admin; for other home users, their own and those of the people they manage;
    none for anyone else."""
    if is_home_admin(user):
        return qs
    if not is_home(user):
        return qs.none()
    return qs.filter(Q(**{f"{via}__user": user.pk}) | Q(**{f"{via}__manager": user.pk}))


# --- Partner reports --------------------------------------------------------------------


def may_review_reports(user) -> bool:
    """Set reporting schedules and thresholds, comment as the reviewer, request a
    revision or approve, keep the responsibility matrix: home admins and staff."""
    return is_home_editor(user)


def may_follow_reports(user) -> bool:
    """The board of every organisation's reports and the quality figures behind the
    review: home-organisation users (viewers read)."""
    return is_home(user)


def may_see_report_quality(user) -> bool:
    """The quality figures of reports approved: home-organisation users for every
    partner; a partner user for its own organisation, the home organisation's review time
    with them included (accountability runs both ways)."""
    return is_home(user) or is_partner(user)


def may_write_report(user, report) -> bool:
    """Write and submit a report while it is due or sent back: the reporting
    organisation's partner users, and home admins and staff on its behalf."""
    return may_edit_organisation(user, report.organisation_id)


def may_comment_on_report(user, report) -> bool:
    """Comment or answer a comment: the reviewers and the reporting organisation's
    partner users (viewers only read)."""
    return is_home_editor(user) or belongs_to(user, report.organisation_id)


# --- The policy -------------------------------------------------------------------------


def may_edit_policy(user) -> bool:
    """Edit the live policy part by part, and load a pack: home admins."""
    return is_home_admin(user)


# --- Users ------------------------------------------------------------------------------


def may_manage_users(user) -> bool:
    """Invite anyone, change anyone's role: home admins."""
    return is_home_admin(user)


def may_list_users(user) -> bool:
    """See a list of users: admins (everyone), partner admins (their colleagues)."""
    return may_manage_users(user) or is_partner_admin(user)


def may_invite(user, *, organisation_id=None) -> bool:
    """Admins invite anyone; a partner admin only colleagues of their own organisation."""
    if may_manage_users(user):
        return True
    return is_partner_admin(user) and belongs_to(user, organisation_id)


def may_manage_user(user, person) -> bool:
    """Change `person`'s access (role, partner admin, deactivate, resend the invitation):
    home admins for anyone but themselves; a partner admin for the other users of their
    own organisation. No one manages themselves, so no one locks themselves out."""
    if not _active(user) or person is None or person.pk == user.pk:
        return False
    if may_manage_users(user):
        return True
    return is_partner_admin(user) and person.role == Role.PARTNER and belongs_to(
        user, person.organisation_id)


def may_change_role(user, person) -> bool:
    """Change a home user's role among the home roles: home admins only (a partner user
    stays a partner user; their organisation's admin flag is `may_manage_user`)."""
    return may_manage_users(user) and may_manage_user(user, person) and person.role in HOME_ROLES


def users_visible_to(qs: QuerySet, user) -> QuerySet:
    """Users one may list: all for admins, own colleagues for a partner admin."""
    if may_manage_users(user):
        return qs
    if is_partner_admin(user):
        return qs.filter(organisation_id=user.organisation_id)
    return qs.none()


# --- Who to tell ------------------------------------------------------------------------


def people_to_notify() -> QuerySet:
    """Active users with a role and an e-mail address: whom the daily digest of what is
    due may write to (a query)."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(role__in=HOME_ROLES) | Q(role=Role.PARTNER, organisation__isnull=False))
        .exclude(email="")
        .order_by("pk")
    )


def home_users() -> QuerySet:
    """Active members of the home organisation (admins, staff, viewers; a query): whom a
    key position or a manager is chosen from."""
    return User.objects.filter(is_active=True, role__in=HOME_ROLES).order_by("full_name", "pk")


def partner_users_of(organisation_ids) -> QuerySet:
    """Active partner users of these organisations (a query)."""
    return User.objects.filter(
        is_active=True, role=Role.PARTNER, organisation_id__in=organisation_ids
    ).order_by("pk")


def organisations_with_partner_users(qs: QuerySet) -> QuerySet:
    """Of organisations `qs`, those with at least one active partner user."""
    return qs.filter(users__role=Role.PARTNER, users__is_active=True).distinct()


# --- Two-factor sign-in -----------------------------------------------------------------


def requires_2fa(user) -> bool:
    """Where two-factor sign-in is required (production), every home-organisation user
    needs it: admins, staff and viewers alike read every organisation's private record."""
    return bool(settings.HAMWE_REQUIRE_2FA) and is_home(user)


def has_authenticator(user) -> bool:
    """The user has set up a TOTP authenticator (a query)."""
    if not _active(user):
        return False
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def lacks_required_2fa(user) -> bool:
    """Two-factor sign-in is required of this user and they have no authenticator yet
    (a query). Such a user reaches only the set-up page, and only in a session that
    came through the e-mailed link (accounts/adapter.py)."""
    return requires_2fa(user) and not has_authenticator(user)


# --- API tokens -------------------------------------------------------------------------


def may_make_api_tokens(user) -> bool:
    """Everyone with a role may make tokens for themselves, once they have an
    authenticator (a query); the page also asks for a fresh second factor."""
    return has_role(user) and has_authenticator(user)


def may_use_api_token(user) -> bool:
    """A token works only while its owner holds an authenticator (a query): one made
    before the second factor, or kept after it was removed, stops working. (What the
    owner may then do is the API's usual question: a role, see api.permissions.)"""
    return has_authenticator(user)


def may_revoke_token(user, token) -> bool:
    """Its owner, and the home admins for anyone's."""
    return _active(user) and (token.user_id == user.pk or is_home_admin(user))


def tokens_visible_to(qs: QuerySet, user) -> QuerySet:
    """Tokens one may list: one's own; home admins everyone's."""
    if is_home_admin(user):
        return qs
    if _active(user):
        return qs.filter(user=user)
    return qs.none()
