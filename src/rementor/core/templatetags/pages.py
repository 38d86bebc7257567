"""``{% page_query param number %}``: this page's address query with ``param`` set to
``number``, every other parameter kept — ``{% querystring page=number %}`` for a page
number whose parameter's name is in a variable (a page with two paginated lists)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param: str, number: int) -> str:
    query = context["request"].GET.copy()
    query[param] = str(number)
    return f"?{query.urlencode()}"
