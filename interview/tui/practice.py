"""The app opened straight into a session: what `interview practice` runs in a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .app import InterviewApp

if TYPE_CHECKING:
    from ..config import Settings
    from ..service import SessionConfig
    from .screens.interview import SessionStart


class PracticeApp(InterviewApp):
    """The usual app (Home underneath), with the given session started (or resumed) as soon
    as the first frame is on screen."""

    def __init__(self, settings: Settings, *, config: SessionConfig | None = None,
                 resume: int | None = None) -> None:
        super().__init__(settings)
        self._practice_config = config
        self._practice_resume = resume

    def on_ready(self) -> None:
        # Textual also runs InterviewApp.on_ready (it dispatches on every class of the MRO).
        self.run_service(self._open_practice, done=self._practice_opened,
                         failure="Could not start the session", group="open-session")

    def _open_practice(self) -> SessionStart:
        from .screens.interview import open_session

        svc = self.service
        if self._practice_resume is not None:
            handle = svc.resume(self._practice_resume)
        else:
            assert self._practice_config is not None
            handle = svc.start_session(self._practice_config)
        return open_session(handle, timer=True)

    def _practice_opened(self, start: SessionStart) -> None:
        from .screens.interview import InterviewScreen

        self.push_screen(InterviewScreen(start))


def run_practice(settings: Settings, *, config: SessionConfig | None,
                 resume: int | None) -> None:
    PracticeApp(settings, config=config, resume=resume).run()
