"""PDF renderers: DTOs in, PDF bytes out, no database access; every document on one kit.

The kit: ``fonts`` (the one registry), ``palette``, ``marks`` (the programme mark, stamps), ``text``
(measuring, wrapping, cutting hostile text to fit), ``qr`` (the one encoder), ``page`` (canvas,
A4 letterhead with page numbers, the A5 receipt band), ``tables`` (A4 building blocks), ``roll``
(80 mm thermal receipts). The documents: ``card``, ``card_sheet``, ``alignment``,
``registration_receipt``, ``payment_receipt`` (``receipt_data``, ``receipt_a5``, ``receipt_roll``),
``day_summary`` (``day_charts``), ``import_report``, ``outreach_list``, ``subject_access``; and
``reading``, which reads the audit head back from a printed day summary.
"""
