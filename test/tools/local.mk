# Small C programs that integration tests drive (built, not installed).
