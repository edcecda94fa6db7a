"""Auto-rubrics on short computer-science answers: sanity cases written for this project
(a reference answer of one or two sentences, paraphrases, echoes, wrong and empty answers)."""

from __future__ import annotations

import pytest

from interview.scoring import derive_rubric, score_answer
from interview.scoring.params import DEFAULT_PARAMS

STACK_Q = "What is a stack?"
STACK_REF = "A stack is LIFO; push adds to the top, pop removes from the top."


def _scores(prompt: str, reference: str, *answers: str) -> list[float]:
    rub = derive_rubric(reference, prompt)
    return [score_answer(a, rub, prompt=prompt).score for a in answers]


def test_stack_paraphrases_beat_echoes_and_fragments() -> None:
    good, plain, echo, vague = _scores(
        STACK_Q, STACK_REF,
        "A stack is a last-in first-out structure: push puts an item on top and pop takes "
        "the top item off.",
        "Last in, first out. You insert and delete elements only at one end, the top.",
        "A stack is a list of items.",
        "A data structure.")
    assert min(good, plain) > 2 * max(echo, vague)
    assert vague == 0.0


def test_lifo_spelled_out_earns_the_acronym() -> None:
    rub = derive_rubric(STACK_REF, STACK_Q)
    rep = score_answer("The last element in is the first one out: last in first out.", rub,
                       prompt=STACK_Q)
    lifo = next(c for c in rep.criteria if c.label == "LIFO")
    assert lifo.earned / lifo.weight > 0.9 and "domain term" in lifo.explanation


def test_the_question_word_alone_earns_no_domain_variant() -> None:
    # "stack" is the question's own word; the domain table's "stack ~ LIFO" must not turn
    # repeating the question into the LIFO point.
    rub = derive_rubric(STACK_REF, STACK_Q)
    rep = score_answer("A stack is a list of items.", rub, prompt=STACK_Q)
    lifo = next(c for c in rep.criteria if c.label == "LIFO")
    assert lifo.earned <= DEFAULT_PARAMS.echo_credit * lifo.weight + 1e-9
    assert "repeats the question" in lifo.explanation


def test_a_crisp_short_answer_is_not_a_keyword_list() -> None:
    rub = derive_rubric(STACK_REF, STACK_Q)
    rep = score_answer("Last in, first out. You insert and delete elements only at one end, "
                       "the top.", rub, prompt=STACK_Q)
    assert rep.form_factor == 1.0


def test_logarithmic_time_in_words() -> None:
    q = "What is the worst-case running time of binary search?"
    ref = "O(log n), because each comparison halves the portion of the sorted array searched."
    words, wrong, empty = _scores(
        q, ref, "Logarithmic: log n, since every step cuts the remaining search range in half.",
        "O(n), it looks at every element.", "It is fast.")
    assert words > wrong and wrong == 0.0 and empty == 0.0


def test_linked_list_paraphrase_beats_a_wrong_definition() -> None:
    q = "What is a linked list?"
    ref = ("A linked list is a sequence of nodes where each node stores a value and a pointer "
           "to the next node.")
    para, vague, wrong = _scores(
        q, ref, "A chain of nodes, each holding data and a reference to the following node.",
        "A list where elements are linked.", "An array stored in contiguous memory.")
    assert para > 2 * max(vague, wrong)


def test_constructor_and_destructor() -> None:
    q = "What is the difference between a constructor and a destructor in C++?"
    ref = ("A constructor is called when an object is created and initializes its data "
           "members; a destructor is called when the object is destroyed and releases its "
           "resources.")
    full, short, none = _scores(
        q, ref,
        "The constructor runs when the object is instantiated and sets up its member "
        "variables; the destructor runs when it goes out of scope or is deleted and frees "
        "the memory it allocated.",
        "Constructors initialize objects.",
        "They are both functions in a class.")
    assert full > short > none == 0.0


def test_a_concept_under_a_negation_earns_part_and_says_so() -> None:
    q = "What does a pointer hold?"
    rub = derive_rubric("A pointer holds the memory address of another variable.", q)
    plain = score_answer("It holds the memory address of a variable.", rub, prompt=q)
    negated = score_answer("It does not hold the memory address; it holds the value.", rub,
                           prompt=q)
    addr = next(c for c in negated.criteria if "address" in c.label)
    assert 0 < addr.earned < addr.weight
    assert addr.explanation.startswith("Mentioned") and "negation" in addr.explanation
    assert negated.score < plain.score


def test_an_answer_of_only_question_words_is_still_scored_as_auto() -> None:
    rub = derive_rubric(STACK_REF, STACK_Q)
    rep = score_answer("What is a stack? A stack.", rub, prompt=STACK_Q)
    assert rep.relevance == 0.0
    assert rep.total_explanation.startswith("auto-rubric:")
    assert rep.score < 10


def test_latin_abbreviations_make_no_concepts() -> None:
    # "e.g." used to give the criteria "useful e" and "g".
    rub = derive_rubric("Stacks are useful, e.g. for undo operations or matching brackets, "
                        "i.e. anything processed in reverse order, etc.", "When is a stack useful?")
    words = {w for c in rub.criteria for k in c.keywords for w in k.lower().split()}
    assert not words & {"e", "g", "i", "etc", "e.g", "i.e"}
    assert any("undo operations" in c.keywords for c in rub.criteria)


def test_either_side_of_a_slash_earns_the_concept() -> None:
    q = "Why are fields usually private?"
    ref = "For encapsulation/information hiding: other code cannot change the fields directly."
    rub = derive_rubric(ref, q)
    concept = next(c for c in rub.criteria if "/" in c.keywords[0])
    assert {"encapsulation", "information hiding"} <= set(concept.keywords)
    for answer in ("It is encapsulation, so other code cannot change the fields directly.",
                   "Information hiding: other code cannot change the fields directly."):
        rep = score_answer(answer, rub, prompt=q)
        met = next(c for c in rep.criteria if c.id == concept.id)
        assert met.earned / met.weight > 0.9, answer


# Data-structure questions in the style of the judged set: a one-sentence reference and
# student answers of graded quality (written for this project).

def test_bst_worst_case_answers_rank_by_quality() -> None:
    q = "What is the worst-case time complexity of inserting into a binary search tree, and why?"
    ref = ("O(n), because the tree can become unbalanced, like a linked list, so the insertion "
           "may have to walk the height of the tree, which is n.")
    full, short, wrong, none = _scores(
        q, ref,
        "Linear time: if the keys arrive sorted the tree degenerates into a chain, and the new "
        "key has to go down all n levels.",
        "O(n) when the tree is not balanced.",
        "O(log n), because each comparison halves the tree.",
        "It is constant.")
    assert full > short > wrong >= none


def test_encapsulation_answers_rank_by_quality() -> None:
    q = "What is encapsulation?"
    ref = ("Encapsulation is hiding an object's data and implementation behind its public "
           "methods, so other code can only access the data through that interface.")
    full, good, vague, wrong = _scores(
        q, ref,
        "Bundling the data with the methods that operate on it and keeping the fields private, "
        "so outside code must go through the class's public interface.",
        "Hiding the internal details of a class from the user.",
        "Putting code inside a class.",
        "Encapsulation is when a class inherits from another class.")
    assert full > good > vague > wrong


def test_linked_list_advantage_beats_a_wrong_claim() -> None:
    q = "What is the main advantage of a linked list over an array?"
    ref = ("Linked lists can grow and shrink dynamically, and inserting or deleting an element "
           "does not require shifting the other elements.")
    full, terse, wrong, echo = _scores(
        q, ref,
        "A linked list has no fixed size, so it expands as you add nodes, and you can insert "
        "or remove a node by changing pointers without moving the rest.",
        "Insertion is easier.",
        "Linked lists are faster to access by index than arrays.",
        "A linked list is a list that is linked.")
    assert full > terse > max(wrong, echo)


def test_hash_lookup_wrong_reason_earns_nothing() -> None:
    q = "Why is a hash table lookup fast on average?"
    ref = ("A hash function maps the key directly to a bucket index, so a lookup examines only "
           "that bucket, which takes constant time on average.")
    full, partial, wrong = _scores(
        q, ref,
        "The key is hashed to compute the array slot where the value lives, so you jump "
        "straight there instead of searching: O(1) expected.",
        "Because it uses a hash function to find the index.",
        "Because the data is sorted.")
    assert full >= partial > wrong == 0.0


@pytest.mark.xfail(strict=True, reason="known limitation: a vague answer that repeats the "
                   "reference's nouns ('data structure', 'elements') outscores a correct "
                   "paraphrase ('FIFO', 'enqueue at the back'); see docs/scoring.md")
def test_queue_paraphrase_beats_a_vague_answer() -> None:
    q = "What is a queue?"
    ref = ("A queue is a first in first out data structure: elements are added at the rear "
           "and removed from the front.")
    para, vague = _scores(
        q, ref,
        "A FIFO structure where you enqueue at the back and dequeue from the front, like a "
        "line at a shop.",
        "A data structure for storing elements in order.")
    assert para > vague


def test_a_verb_does_not_take_the_synonyms_of_a_noun_with_its_stem() -> None:
    # "require" and "requirement" share a stem: "does not require shifting" must not read as
    # "not specification".
    rub = derive_rubric("Inserting does not require shifting the other elements.",
                        "Why is insertion cheap in a linked list?")
    keywords = [k for c in rub.criteria for k in c.keywords]
    assert not any("specification" in k or "spec" in k.split() for k in keywords)
    assert any("need" in k for k in keywords)
