"""The people pages: the directory (a person, who left or came back) and the HRIS import."""
