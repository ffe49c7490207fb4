"""Near-duplicate titles: keys, n-gram vectors, the competitor index and its file."""
