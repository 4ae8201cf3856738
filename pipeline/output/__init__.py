"""Writers of records and of the run manifest."""
