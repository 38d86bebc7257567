"""Rementor: reverse-mentoring programmes, end to end."""
