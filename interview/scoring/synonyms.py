"""A small, hand-written thesaurus of computing and machine-learning vocabulary.

Auto-rubrics use it so that an answer saying "execute the method" earns credit for a
reference's "run the function". Each line is a group of words that graders treat as the same
idea in a short technical answer; a word may sit in more than one group. Words are compared
by stem, so one inflection per word is enough. Kept deliberately conservative: a wrong
synonym gives credit for a wrong answer.
"""

from __future__ import annotations

from functools import cache

from .text import stem

_GROUPS = """
run execute
function method procedure subroutine routine
parameter argument
error bug fault mistake
memory ram
store save hold keep
delete remove erase
insert add
search find locate lookup
start begin
terminate finish
big large huge
small little tiny
fast quick rapid
size length
element item entry
show display print output
create construct build instantiate
change modify alter update
check verify test
copy duplicate
address location
object instance
loop iterate iteration repeat
program code software
simulate mimic imitate emulate
behaviour behavior
analyse analyze
colour color
portion part piece section segment
desired intended wanted
specification spec
customer client user
last final
sorted ordered
retrieve fetch access
allocate reserve
free release deallocate
node vertex
edge arc
link pointer
hide conceal
divide split partition
merge combine join
swap exchange interchange
smallest minimum lowest
largest maximum biggest highest
multiple several many
whole entire complete
correct right proper
wrong incorrect
identify determine recognize recognise
avoid prevent
reduce decrease lower minimize minimise
increase raise grow
require need
allow enable permit
return produce yield
receive accept
operation action
step stage phase
problem issue
feature attribute predictor
label target
sample observation datapoint
loss cost
train fit
predict forecast
gradient derivative slope
"""


@cache
def _table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for line in _GROUPS.strip().splitlines():
        words = line.split()
        for w in words:
            others = table.setdefault(stem(w), [])
            for o in words:
                if stem(o) != stem(w) and o not in others:
                    others.append(o)
    return {k: tuple(v) for k, v in table.items()}


def synonyms(word_stem: str) -> tuple[str, ...]:
    """Other words for the word with this stem (empty when there are none)."""
    return _table().get(word_stem, ())
