def flatten_config(config, sep="."):
    out = {}

    def walk(node, prefix):
        for key, value in node.items():
            path = f"{prefix}{sep}{key}" if prefix else str(key)
            if isinstance(value, dict) and value:
                walk(value, path)
            else:
                out[path] = value

    walk(config, "")
    return out
