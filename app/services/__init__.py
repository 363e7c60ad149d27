"""Use cases: each validates with the domain, runs one transaction, audits, and returns DTOs."""
