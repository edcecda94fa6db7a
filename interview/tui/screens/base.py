"""The base of the app's full screens: typed access to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from textual.screen import Screen

if TYPE_CHECKING:
    from ..app import InterviewApp

ResultT = TypeVar("ResultT")


class AppScreen(Screen[ResultT], Generic[ResultT]):
    @property
    def interview_app(self) -> InterviewApp:
        from ..app import InterviewApp

        assert isinstance(self.app, InterviewApp)
        return self.app
