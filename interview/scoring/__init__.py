"""Scoring: answer + rubric -> ScoreReport. Pure and deterministic; no UI, no database."""
