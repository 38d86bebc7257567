"""The people pages' forms: the directory's filters and the HRIS import's steps."""
