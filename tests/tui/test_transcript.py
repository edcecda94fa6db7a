"""The transcript keeps a bounded number of widgets, so question 10 costs what question 1 did."""

from __future__ import annotations

from textual.app import App, ComposeResult

from interview.tui.widgets.chat import ChatMessage, Transcript


class ChatApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Transcript(id="transcript", max_shown=6)


async def test_old_messages_make_way_for_a_count() -> None:
    app = ChatApp()
    async with app.run_test() as pilot:
        transcript = app.query_one(Transcript)
        for i in range(20):
            await transcript.add("interviewer" if i % 2 else "candidate", "question", f"m{i}")
        await pilot.pause()
        shown = [m.text for m in transcript.query_children(ChatMessage)]
        assert shown == [f"m{i}" for i in range(14, 20)]
        assert transcript.hidden == 14
        note = str(transcript.query_children(".transcript-earlier").first().render())
        assert "14 earlier messages" in note
        assert transcript.children[0].has_class("transcript-earlier")


async def test_an_answer_is_shown_exactly_as_typed() -> None:
    # Code and text with brackets: no markup is read and no escape character shows
    # ("pairs[ch]" once read "pairs\[ch]" in the bubble).
    typed = ("if not stack or stack.pop() != pairs[ch]:\n    return False\n"
             "[b]not bold[/b] \\[kept] a[0]")
    app = ChatApp()
    async with app.run_test(size=(100, 20)) as pilot:
        transcript = app.query_one(Transcript)
        await transcript.add("candidate", "answer", typed)
        await pilot.pause()
        body = transcript.query_children(ChatMessage).last().query_one(".body")
        assert str(body.render()) == typed
