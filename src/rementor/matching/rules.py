import rules

from rementor.core.rules import is_programme_manager

rules.add_perm("matching.manage_matching", is_programme_manager)


@rules.predicate
def is_proposal_member(user, proposal) -> bool:
    """The mentee or the mentor of a proposed pair; nobody else answers it or learns of it."""
    person_id = getattr(user, "person_id", None)
    return person_id is not None and person_id in (
        proposal.mentee.person_id,
        proposal.mentor.person_id,
    )


# Managers follow proposals on their own page (cockpit); the member's page is the members'.
rules.add_perm("matching.answer_proposal", is_proposal_member)
