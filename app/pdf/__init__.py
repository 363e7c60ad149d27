"""PDF renderers: DTOs in, PDF bytes out. No database access."""
