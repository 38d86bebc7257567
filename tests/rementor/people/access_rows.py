from django.urls import reverse

from tests.rementor.access import MANAGER_ONLY, Row

ROWS = {
    "people:directory": [Row("get", lambda o: reverse("people:directory"), MANAGER_ONLY)],
    "people:detail": [
        Row("get", lambda o: reverse("people:detail", args=[o["person"].pk]), MANAGER_ONLY)
    ],
}
