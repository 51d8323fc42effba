"""Messages declared once, as templates with named fields (in the manner of Orange's widget messages).

A rule module declares what it can say as a class of ``Message`` attributes::

    class Says(Messages, prefix="T3-BAL"):
        unbalanced = Message("表三“{column}”列不平衡：……{heavier}多 {excess} 件")

``Says.unbalanced(column="自然人", …)`` is a ``Said``: the message and its
parameters, as data.  A finding keeps both — ``Finding.template`` is the
message's id ("T3-BAL.unbalanced"), ``Finding.arguments`` its parameters — as
well as the Chinese sentence, so that a test asks what was said, not how.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from typing import ClassVar

# Every declared message by its id: two declarations of one id are a mistake found at import.
MESSAGES: dict[str, Message] = {}


class Message:
    """A Chinese sentence with named fields ("{column}", "{share:.0%}"); its id comes from the class declaring it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.id = ""
        self.fields = frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)

    def __call__(self, **params: object) -> Said:
        if set(params) != self.fields:
            raise TypeError(f"消息 {self.id} 的参数应为 {sorted(self.fields)}，给出的是 {sorted(params)}")
        return Said(self, tuple(params.items()))

    def __repr__(self) -> str:
        return f"Message({self.id})"


class Messages:
    """A group of messages; a subclass names its prefix: ``class Says(Messages, prefix="DUP")``."""

    prefix: ClassVar[str]

    def __init_subclass__(cls, prefix: str, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.prefix = prefix
        for name, value in vars(cls).items():
            if isinstance(value, Message):
                value.id = f"{prefix}.{name}"
                if value.id in MESSAGES:
                    raise ValueError(f"消息 {value.id} 重复定义")
                MESSAGES[value.id] = value


@dataclass(frozen=True)
class Said:
    """A message with its parameters: what a rule says, as data."""

    message: Message
    params: tuple[tuple[str, object], ...]

    def __str__(self) -> str:
        return self.message.text.format(**dict(self.params))
