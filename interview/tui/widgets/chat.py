"""The interview transcript: one widget per message, the interviewer left and you right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Label, Markdown, Static

SPEAKERS = {"interviewer": "Interviewer", "candidate": "You", "system": ""}
KIND_LABELS = {
    "question": "Question", "follow-up": "Follow-up", "hint": "Hint", "feedback": "Feedback",
    "model-answer": "Model answer", "summary": "Summary",
}


class ChatMessage(Vertical):
    """A row of the chat holding one bubble: interviewer text is Markdown, your answers are
    shown as typed. The row's class (``-interviewer``/``-candidate``) sets the side."""

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
            if self.role == "interviewer":
                yield Markdown(self.text, classes="body")
            else:
                yield Static(escape(self.text), classes="body")


class Transcript(VerticalScroll):
    """A scrolling chat anchored to the bottom: new messages stay in view."""

    DEFAULT_CSS = """
    Transcript { height: 1fr; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.anchor()

    async def add(self, role: str, kind: str, text: str) -> ChatMessage:
        msg = ChatMessage(role, kind, text)
        await self.mount(msg)
        return msg
