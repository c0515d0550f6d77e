from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Nobody signs themselves up: admins and partner admins invite (see services.user_invite).
        return False
