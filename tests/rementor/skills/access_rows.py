from django.urls import reverse

from tests.rementor.access import MANAGER_ONLY, Row

ROWS = {
    "skills:taxonomy": [Row("get", lambda o: reverse("skills:taxonomy"), MANAGER_ONLY)],
    "skills:category_create": [
        Row("get", lambda o: reverse("skills:category_create"), MANAGER_ONLY)
    ],
    "skills:category_edit": [
        Row(
            "get",
            lambda o: reverse("skills:category_edit", args=[o["category"].pk]),
            MANAGER_ONLY,
        )
    ],
    "skills:skill_create": [Row("get", lambda o: reverse("skills:skill_create"), MANAGER_ONLY)],
    "skills:skill_edit": [
        Row("get", lambda o: reverse("skills:skill_edit", args=[o["skill"].pk]), MANAGER_ONLY)
    ],
}
