from collections import OrderedDict


def run_lru(capacity, operations):
    cache = OrderedDict()
    results = []
    for op in operations:
        if op[0] == "get":
            key = op[1]
            if key in cache:
                cache.move_to_end(key)
                results.append(cache[key])
            else:
                results.append(-1)
        else:
            _, key, value = op
            if capacity <= 0:
                results.append(None)
                continue
            if key in cache:
                cache.move_to_end(key)
            cache[key] = value
            if len(cache) > capacity:
                cache.popitem(last=False)
            results.append(None)
    return results
