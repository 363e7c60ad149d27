"""Pure rules of the registration counter: no database, no files written, no clock."""
