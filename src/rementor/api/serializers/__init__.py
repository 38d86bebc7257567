"""Read serializers (what the API shows) and write serializers (what it accepts), by app.

Write serializers only check shapes; the domain functions decide and raise the business
errors, which the API answers as 400 (see ``rementor.api.exceptions``).
"""
