"""The command palette's main actions (ctrl+p), also listed on the Help screen."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class MainAction:
    title: str
    help: str
    action: str
    """An action of the app (``history`` runs ``App.action_history``)."""


MAIN_ACTIONS: tuple[MainAction, ...] = (
    MainAction("Home", "Your rounds, the start form and unfinished sessions", "home"),
    MainAction("Start a session", "Start with the choices in the home screen's form",
               "start_session"),
    MainAction("Resume the last unfinished session", "Carry on where you stopped",
               "resume_last"),
    MainAction("History", "Past sessions, score trends and the criteria missed most often",
               "history"),
    MainAction("Banks", "Loaded banks and questions, broken files, rubric previews", "banks"),
    MainAction("Reload banks", "Re-read the bank files from disk after editing them",
               "reload_banks"),
    MainAction("Help", "Keys, command-palette entries and themes", "help"),
)


class MainActionsProvider(Provider):
    """Offers the app's main actions in the command palette."""

    async def discover(self) -> Hits:
        for item in MAIN_ACTIONS:
            yield DiscoveryHit(item.title, partial(self.app.run_action, item.action),
                               help=item.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for item in MAIN_ACTIONS:
            score = matcher.match(item.title)
            if score > 0:
                yield Hit(score, matcher.highlight(item.title),
                          partial(self.app.run_action, item.action), help=item.help)
