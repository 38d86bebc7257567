"""The heat map's cells written by the ``heat_cell`` tag: the same markup, in both
languages, as the template the page included once per cell."""

import pytest
from django.template import Context, Template
from django.utils import translation

from rementor.analytics.heatmap import Shown, State
from rementor.analytics.templatetags.heat_cells import heat_cell

# The former analytics/includes/heat_cell.html, word for word.
FORMER = Template(
    '{% load i18n numbers %}{% if cell.state == "shown" %}<td class="heat heat-{{ cell.bucket }}">'
    '{{ cell.value|rounded:1 }} <span class="heat-n">n&nbsp;=&nbsp;{{ cell.n }}</span></td>'
    '{% elif cell.state == "small" %}<td class="heat heat-hidden">{% blocktranslate trimmed %}'
    "fewer than {{ min_size }}{% endblocktranslate %}</td>"
    '{% elif cell.state == "protected" %}<td class="heat heat-hidden">{% translate "hidden" %}'
    '<span aria-hidden="true">*</span></td>{% elif cell.state == "withheld" %}'
    '<td class="heat heat-hidden">{% translate "hidden" %}</td>{% else %}'
    '<td class="heat heat-none"><span aria-hidden="true">—</span><span class="visually-hidden">'
    '{% translate "no answers" %}</span></td>{% endif %}'
)

CELLS = [
    Shown(State.SHOWN, value=2.25, n=7),
    Shown(State.SHOWN, value=0.0, n=1),
    Shown(State.SHOWN, value=11.95, n=12345),
    Shown(State.SHOWN, value=4.0, n=5),
    Shown(State.SMALL),
    Shown(State.PROTECTED),
    Shown(State.WITHHELD),
    Shown(State.EMPTY),
]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("cell", CELLS, ids=lambda cell: f"{cell.state}-{cell.value}")
def test_a_cell_reads_as_the_former_template_wrote_it(cell, language):
    with translation.override(language):
        former = FORMER.render(Context({"cell": cell, "min_size": 5}))
        assert heat_cell(cell, 5) == former


def test_a_french_cell_has_a_decimal_comma_and_a_hidden_one_says_why():
    with translation.override("fr"):
        assert ">2,3 <" in heat_cell(Shown(State.SHOWN, value=2.25, n=7), 5)
        assert "moins de 5" in heat_cell(Shown(State.SMALL), 5)
