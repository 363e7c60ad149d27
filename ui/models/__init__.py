"""Qt item models over service DTOs (search results, payments, cards, history, approvals)."""
