"""Errors raised below the UI: one-line, user-facing messages."""

from __future__ import annotations


class InterviewError(Exception):
    """Base of every user-facing error raised below the UI (engine, store, service)."""


class SetupError(InterviewError):
    """The session cannot be set up: unknown round, no question matches the filters..."""


class SessionStateError(InterviewError):
    """The action is not allowed now (a hint in exam mode, retry with nothing to retry...)."""
