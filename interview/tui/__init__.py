"""The Textual app. It talks only to ``interview.service``; heavy modules load after first paint."""
