def clean_records(rows):
    by_id = {}
    for row in rows:
        raw_id = row.get("id")
        if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
            continue
        key = str(raw_id).strip()
        email = row.get("email")
        if isinstance(email, str):
            email = email.strip().lower() or None
        age = row.get("age")
        if isinstance(age, str):
            age = age.strip()
            try:
                age = float(age) if age else None
            except ValueError:
                age = None
        if isinstance(age, (int, float)) and not isinstance(age, bool):
            age = float(age)
            if not 0 <= age <= 120:
                age = None
        else:
            age = None
        by_id[key] = {"id": key, "email": email, "age": age}
    ages = sorted(r["age"] for r in by_id.values() if r["age"] is not None)
    if ages:
        m = len(ages) // 2
        median = ages[m] if len(ages) % 2 else (ages[m - 1] + ages[m]) / 2
        for r in by_id.values():
            if r["age"] is None:
                r["age"] = median
    return sorted(by_id.values(), key=lambda r: r["id"])
