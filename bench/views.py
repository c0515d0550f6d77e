from django.shortcuts import render

from hamwe.accounts.decorators import role_required


@role_required
def floor(request):
    """The floor: a signed-in user (session, user, role check and all of Hamwe's
    middleware) and a tiny template. Every page's figure is read beside this one."""
    return render(request, "bench/floor.html")
