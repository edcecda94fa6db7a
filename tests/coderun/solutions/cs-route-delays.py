def route_delays(rows):
    totals = {}
    for row in rows:
        route = row.get("route")
        delay = row.get("delay_min")
        if not isinstance(route, str) or not route.strip():
            continue
        if not isinstance(delay, (int, float)) or isinstance(delay, bool):
            continue
        key = route.strip().upper()
        total, count = totals.get(key, (0.0, 0))
        totals[key] = (total + delay, count + 1)
    result = [[route, total / count, count] for route, (total, count) in totals.items()]
    result.sort(key=lambda r: (-r[1], r[0]))
    return result
