"""Searching a model's texts by words, typos included: what every QuerySet with a search shares.

Foundation layer: imports no app of ours.

A model's QuerySet mixes in `WordSearchQuerySet` and names, in `searched_fields`, the groups of
columns a search reads (each group one folded text: `cooperation_portal.database.Folded`) and, in
`title_fields`, the columns of its title. Its migrations put a trigram index on each group and on
the title (`AddTrigramIndex`, the very same columns in the same order), so that on PostgreSQL:

- `with_words(words)`: rows where every word is contained in one of the groups — each word one
  index lookup (`LIKE '%word%'` on the folded text);
- `with_words_or_typos(words)`: the same, each word also read with two neighbouring letters
  swapped ("snate" -> "sante"), and, on PostgreSQL, rows whose title has a word close to each
  word of four letters or more (trigram word similarity, `%>`: "santr" finds "Santé") — index
  lookups too, never a read of every row (what the search across everything asks when a kind
  found nothing).

A group may reach through a relation (`scheme__name_fr`): such a group is not indexed on the
model's table (it is read on the related rows it joins).

The words are already folded (lower case, no accents: `cooperation_portal.database.fold`).
"""

from django.db import connections, models
from django.db.models import Q

from .database import close_to_word, contains_word

#: Words shorter than this are never read as typos (too many short words are close).
TYPO_MIN_LENGTH = 4


def close_words(word: str) -> list[str]:
    """`word`, and the words it reads as with two neighbouring letters swapped back ("snate"
    -> "sante"), for a word long enough to be read as a typo."""
    variants = [word]
    if len(word) >= TYPO_MIN_LENGTH:
        for index in range(len(word) - 1):
            swapped = word[:index] + word[index + 1] + word[index] + word[index + 2 :]
            if swapped not in variants:
                variants.append(swapped)
    return variants


def may_be_typos(words: list[str]) -> bool:
    return any(len(word) >= TYPO_MIN_LENGTH for word in words)


def typo_words(words: list[str]) -> list[str]:
    """Every word and the words its typos read as: what the snippets of close matches mark."""
    return list(dict.fromkeys(variant for word in words for variant in close_words(word)))


def similar_titles(words: list[str], title_fields, contains) -> Q:
    """Rows whose title has a word close to each word long enough to be a typo (trigram word
    similarity, PostgreSQL only) and that contain each shorter word (`contains(word)`: a Q)."""
    condition = Q()
    for word in words:
        if len(word) >= TYPO_MIN_LENGTH:
            condition &= close_to_word(word, title_fields)
        else:
            condition &= contains(word)
    return condition


class WordSearchQuerySet(models.QuerySet):
    #: Groups of columns searched, each read as one folded text.
    searched_fields: tuple[tuple[str, ...], ...] = ()
    #: The columns of the title: typos are looked for in them; hits in them rank first.
    title_fields: tuple[str, ...] = ()

    def _contains(self, word: str) -> Q:
        condition = Q()
        for fields in self.searched_fields:
            condition |= contains_word(word, fields)
        return condition

    def _every_word(self, alternatives: list[list[str]]) -> Q:
        """Rows where each word (one of its alternatives) is in one of the groups."""
        condition = Q()
        for words in alternatives:
            one_of = Q()
            for word in words:
                one_of |= self._contains(word)
            condition &= one_of
        return condition

    def with_words(self, words: list[str]):
        return self.filter(self._every_word([[word] for word in words]))

    def with_words_or_typos(self, words: list[str]):
        condition = self._every_word([close_words(word) for word in words])
        if connections[self.db].vendor == "postgresql":
            condition |= similar_titles(words, self.title_fields, self._contains)
        return self.filter(condition)

    def title_holds_any(self, words: list[str]) -> Q:
        """Rows whose title holds one of `words`: what ranks first."""
        condition = Q()
        for word in words:
            condition |= contains_word(word, self.title_fields)
        return condition
