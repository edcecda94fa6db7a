"""The base of the app's full screens: typed access to the app, and the one way to run
service calls off the UI thread (``run_service``)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from ..app import InterviewApp

ResultT = TypeVar("ResultT")
T = TypeVar("T")

SERVICE_WORKER = "service-call"
"""The ``description`` of workers started by ``run_service``: the app's one
``on_worker_state_changed`` handler reports their errors (the worker's ``name`` says what
failed)."""


class ServiceCalls:
    """Mixin: ``run_service`` for any node that can run workers (screens, modal screens)."""

    _service_callbacks: dict[Worker[Any], tuple[Callable[[Any], object] | None,
                                                 Callable[[], object] | None]]

    def run_service(self, fn: Callable[..., T], *args: Any,
                    done: Callable[[T], object] | None = None,
                    failure: str = "Something went wrong", group: str = "service",
                    exclusive: bool = True,
                    always: Callable[[], object] | None = None) -> Worker[T]:
        """Run ``fn(*args)`` in a thread worker. On success ``done(result)`` runs on the UI
        thread, unless the worker was cancelled (an exclusive newer call in the same
        ``group`` cancels the older one, whose result is then dropped). Errors go to the
        app's central handler, which shows ``failure: <reason>``. ``always()`` runs on the UI
        thread once the worker ends, however it ends (to clear a busy flag)."""
        callbacks = self.__dict__.setdefault("_service_callbacks", {})
        worker: Worker[T] = self.run_worker(  # type: ignore[attr-defined]
            lambda: fn(*args), name=failure, group=group, description=SERVICE_WORKER,
            exclusive=exclusive, thread=True, exit_on_error=False)
        callbacks[worker] = (done, always)
        return worker

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Deliver a ``run_service`` result (errors bubble on to the app's handler)."""
        worker = event.worker
        callbacks = self.__dict__.get("_service_callbacks", {})
        if worker not in callbacks or event.state not in (
                WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        done, always = callbacks.pop(worker)
        if always is not None:
            always()
        if event.state == WorkerState.ERROR:
            from ..app import InterviewApp

            app = self.app  # type: ignore[attr-defined]
            if app is not self and isinstance(app, InterviewApp):
                # StateChanged does not bubble: hand it to the app's one error handler.
                await app.on_worker_state_changed(event)
        if event.state == WorkerState.SUCCESS and not worker.is_cancelled and done is not None:
            outcome = done(worker.result)
            if inspect.isawaitable(outcome):
                await outcome


class InSession:
    """Marks the screens of a running interview: switching to History/Banks is off while one
    is on screen (esc pauses the session instead)."""

    def unsaved_work(self) -> str | None:
        """Why ctrl+q should ask before quitting now (None: quit at once)."""
        return None


class AppScreen(ServiceCalls, Screen[ResultT], Generic[ResultT]):
    @property
    def interview_app(self) -> InterviewApp:
        from ..app import InterviewApp

        assert isinstance(self.app, InterviewApp)
        return self.app
