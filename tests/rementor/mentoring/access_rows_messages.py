"""Access rows of the pair's messages and of ideas' adoption.

The matrix's "participant" is the pair's mentee (``pair_setup``). The thread is its members'
alone: the manager, who knows the pair, is refused (403); the sponsor and the other
participant must not learn the pair exists (404). An idea's adoption is the managers': the
pair's member knows the idea (403), nobody else does (404).
"""

from django.urls import reverse
from django.utils import timezone

from rementor.mentoring.models import Idea, PairMessage
from tests.rementor.access import Row, signed_in
from tests.rementor.mentoring.access_rows import pair_setup
from tests.rementor.mentoring.access_rows_objectives import PAIR_ACT, PAIR_ACT_POST

PAIR_MANAGERS = {**signed_in(404), "participant": 403, "manager": 200}


def thread_setup(o):
    made = pair_setup(o)
    PairMessage.objects.create(pair=made["pair"], author=made["mentor_user"], text="Bonjour")
    return made


def idea_setup(o):
    made = pair_setup(o)
    made["idea"] = Idea.objects.create(
        pair=made["pair"], author=o["participant"], title="Un wiki", description="Pour tous"
    )
    return made


def adopted_setup(o):
    made = idea_setup(o)
    Idea.objects.filter(pk=made["idea"].pk).update(
        adopted_on=timezone.localdate(), adoption_change="Le wiki existe", adopted_by=o["manager"]
    )
    return made


def _messages_url(o):
    return reverse("mentoring:messages", args=[o["pair"].pk])


def _idea_url(name):
    return lambda o: reverse(f"mentoring:{name}", args=[o["idea"].pk])


ROWS = {
    "mentoring:messages": [
        Row("get", _messages_url, PAIR_ACT, setup=thread_setup),
        Row("post", _messages_url, PAIR_ACT_POST, data={"text": "Merci !"}, setup=thread_setup),
    ],
    # One's own e-mail setting: any signed-in account, back to the account page.
    "mentoring:message_emails": [
        Row("post", lambda o: reverse("mentoring:message_emails"), signed_in(302), data={"on": "0"})
    ],
    "mentoring:idea_adopt": [
        Row("get", _idea_url("idea_adopt"), PAIR_MANAGERS, setup=idea_setup),
        Row(
            "post",
            _idea_url("idea_adopt"),
            {**PAIR_MANAGERS, "manager": 302},
            data=lambda o: {
                "change": "Un wiki ouvert à tous",
                "adopted_on": timezone.localdate().isoformat(),
            },
            setup=idea_setup,
        ),
    ],
    "mentoring:idea_unadopt": [
        Row("get", _idea_url("idea_unadopt"), PAIR_MANAGERS, setup=adopted_setup),
        Row(
            "post",
            _idea_url("idea_unadopt"),
            {**PAIR_MANAGERS, "manager": 302},
            setup=adopted_setup,
        ),
    ],
}
