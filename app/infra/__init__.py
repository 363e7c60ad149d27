"""Files outside the database: paths, settings, secret keys and shipped resources."""
