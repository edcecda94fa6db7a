"""The interview transcript: one widget per message, the interviewer left and you right.

Only the latest messages stay mounted (``MAX_SHOWN``): every mounted widget is styled and laid
out again on each new message, so an unbounded transcript made the tenth question several
times slower than the first. Older messages make way for one line saying how many are
hidden; the whole conversation is stored and can be replayed from History."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Markdown, Static

from ...domain.words import plural

SPEAKERS = {"interviewer": "Interviewer", "candidate": "You", "system": ""}
KIND_LABELS = {
    "question": "Question", "follow-up": "Follow-up", "hint": "Hint", "feedback": "Feedback",
    "model-answer": "Model answer", "summary": "Summary",
}


MARKDOWN_CHARS = frozenset("`*_#[]|<>&\\~")
_BLOCK_START = re.compile(r"(?:[-+*]\s|\d+[.)]\s|[-=_*\s]+$)")


def is_plain(text: str) -> bool:
    """True when Markdown would show ``text`` as it is: paragraphs of plain words, split by
    blank lines. Such a message is drawn by one Static instead of a Markdown widget (which
    parses, then mounts a widget per block): the same look for far less work per message."""
    if not text.strip() or not MARKDOWN_CHARS.isdisjoint(text):
        return False
    for paragraph in text.split("\n\n"):
        if ("\n" in paragraph or paragraph != paragraph.strip()
                or _BLOCK_START.match(paragraph)):
            return False
    return True


class ChatMessage(Vertical):
    """A row of the chat holding one bubble: interviewer text is Markdown (plain text needs
    no Markdown widget), your answers are shown as typed. The row's class
    (``-interviewer``/``-candidate``) sets the side."""

    def __init__(self, role: str, kind: str, text: str) -> None:
        super().__init__(classes=f"message -{role} -kind-{kind}")
        self.role = role
        self.kind = kind
        self.text = text

    def compose(self) -> ComposeResult:
        speaker = SPEAKERS.get(self.role, "")
        label = KIND_LABELS.get(self.kind)
        with Vertical(classes="bubble"):
            if speaker or label:
                title = speaker + (f" · {label}" if label and speaker else label or "")
                yield Label(title, classes="speaker")
            if self.role == "interviewer" and not is_plain(self.text):
                yield Markdown(self.text, classes="body")
            else:
                yield Static(self.text, markup=False, classes="body")  # as typed: no markup


MAX_SHOWN = 24
"""Messages kept mounted (about four questions with their follow-ups and feedback)."""


class Transcript(VerticalScroll):
    """A scrolling chat anchored to the bottom: new messages stay in view."""


    def __init__(self, *, id: str | None = None, max_shown: int = MAX_SHOWN) -> None:
        super().__init__(id=id)
        self.max_shown = max_shown
        self.hidden = 0
        """Messages no longer mounted (the oldest ones)."""

    def on_mount(self) -> None:
        self.anchor()

    async def add(self, role: str, kind: str, text: str) -> ChatMessage:
        msg = ChatMessage(role, kind, text)
        await self.mount(msg)
        await self._trim()
        return msg

    async def _trim(self) -> None:
        shown = list(self.query_children(ChatMessage))
        extra = len(shown) - self.max_shown
        if extra <= 0:
            return
        self.hidden += extra
        await self.remove_children(shown[:extra])
        text = (f"… {plural(self.hidden, 'earlier message')} not shown here; History (f2) replays "
                "the whole session.")
        notes = self.query_children(".transcript-earlier")
        if notes:
            notes.first(Static).update(text)
        else:
            await self.mount(Static(text, classes="transcript-earlier"), before=0)
