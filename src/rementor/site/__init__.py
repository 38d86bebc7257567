"""The pages that belong to no one app: the home page, the help pages, the language switch."""
