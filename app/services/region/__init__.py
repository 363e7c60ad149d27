"""The region: a Kanwil server that receives every branch's data by PostgreSQL logical replication,
sends reference data down, answers regional checks, and lets members move between branches."""
