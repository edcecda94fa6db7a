"""interview: a terminal mock-interview coach for machine-learning-engineer interviews."""

__version__ = "0.1.0"
