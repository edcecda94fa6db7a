def chunk_words(text: str, size: int, overlap: int) -> list[str]:
    """Overlapping chunks of at most `size` words, `overlap` words shared between neighbours."""
    if size < 1 or not 0 <= overlap < size:
        raise ValueError("need size >= 1 and 0 <= overlap < size")
    words = text.split()
    step = size - overlap
    chunks = []
    start = 0
    while start < len(words):
        chunks.append(" ".join(words[start:start + size]))
        if start + size >= len(words):
            break
        start += step
    return chunks
