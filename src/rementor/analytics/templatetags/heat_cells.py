"""The needs heat map's table cells, written in Python: a map has a cell per department and
skill (hundreds in a large programme), and a template included per cell cost more than
reading the figures."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from rementor.analytics.heatmap import Shown, State
from rementor.core.templatetags.numbers import rounded

register = template.Library()


@register.simple_tag
def heat_cell(cell: Shown, min_size: int | None = None) -> SafeString:
    """One ``<td>``: the figure and its n, or why it is hidden, or that nobody answered."""
    if cell.state == State.SHOWN:
        return format_html(
            '<td class="heat heat-{}">{} <span class="heat-n">n&nbsp;=&nbsp;{}</span></td>',
            cell.bucket,
            rounded(cell.value, 1),
            cell.n,
        )
    if cell.state == State.SMALL:
        return format_html(
            '<td class="heat heat-hidden">{}</td>',
            _("fewer than %(min_size)s") % {"min_size": min_size},
        )
    if cell.state == State.PROTECTED:
        return format_html(
            '<td class="heat heat-hidden">{}<span aria-hidden="true">*</span></td>', _("hidden")
        )
    if cell.state == State.WITHHELD:
        return format_html('<td class="heat heat-hidden">{}</td>', _("hidden"))
    return format_html(
        '<td class="heat heat-none"><span aria-hidden="true">—</span>'
        '<span class="visually-hidden">{}</span></td>',
        _("no answers"),
    )
