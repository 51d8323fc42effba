"""The saved web page (文字版) of a published report: paragraphs and real tables with rowspan/colspan.

Parsed with the standard library's ``html.parser``: no network, no external
entities, no scripts.  Government pages wrap the report in navigation, page
headers and footers; the report is taken from the innermost element that holds
its section titles (the page title only when the report's own title is not
there).  Tables nested in tables, and one-column tables, are page layout:
their cells are read as text.
"""
from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from . import grids, identity
from .labels import tidy
from .outline import Outline, finish, section_title
from .record import ImportResult, Record, SourceError

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
HIDDEN = frozenset("script style noscript template head svg math object iframe select option button".split())
BLOCK = frozenset("""p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article blockquote pre center header
footer nav aside main figure figcaption address hr br table tr td th form fieldset legend caption tbody thead
tfoot body html""".split())
MAX_DEPTH = 400
MAX_TAGS = 40_000   # a report's page, navigation included, has a few thousand; parsing costs some 50 µs a tag
_SPACE = re.compile(r"[ \t\r\n\f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []


class _TreeBuilder(HTMLParser):
    """A forgiving tree: unclosed cells, rows and paragraphs are closed as browsers do."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.stack = [self.root]
        self.title = ""
        self._in_title = False
        self._tags = 0

    def _count_tag(self) -> None:
        self._tags += 1
        if self._tags > MAX_TAGS:
            raise SourceError(f"网页中的标签超过 {MAX_TAGS:,} 个，远超一份年度报告的网页，不像是年度报告，已拒绝读取")

    def handle_starttag(self, tag: str, attrs) -> None:
        self._count_tag()
        if tag == "title":
            self._in_title = True
        if tag in ("td", "th"):
            self._close_until(("td", "th"), stop=("tr", "table"))
        elif tag == "tr":
            self._close_until(("tr",), stop=("table",))
        elif tag == "p":
            self._close_until(("p",), stop=("div", "td", "th", "table", "li", "body"))
        if len(self.stack) > MAX_DEPTH:
            return
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self._count_tag()
        if len(self.stack) <= MAX_DEPTH:
            self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        self.stack[-1].children.append(data)

    def _close_until(self, tags: tuple[str, ...], stop: tuple[str, ...]) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag in stop:
                return
            if self.stack[i].tag in tags:
                del self.stack[i:]
                return


def decode(data: bytes) -> str:
    """The page's text: by its byte-order mark, its declared charset, else UTF-8 or GB18030."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            name = "gb18030" if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80") else name
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
    from .text import decode as decode_text
    return decode_text(data)


# ---------------------------------------------------------------- reading order

class _Flow:
    """Paragraphs and tables in reading order, each with the chain of elements that holds it."""

    def __init__(self) -> None:
        self.items: list[tuple[object, tuple[int, ...]]] = []
        self._buffer: list[str] = []
        self._path: tuple[int, ...] = ()

    def walk(self, node: Node, path: tuple[int, ...] = ()) -> None:
        stack: list[tuple[Node | str, tuple[int, ...], bool]] = [(node, path, False)]
        while stack:
            current, path, closing = stack.pop()
            if isinstance(current, str):
                self._buffer.append(current)
                self._path = self._path or path
                continue
            if closing:
                if current.tag in BLOCK:
                    self.flush()
                continue
            if current.tag in HIDDEN:
                continue
            if current.tag in BLOCK:
                self.flush()
            if current.tag == "table" and is_data_table(current):
                self.items.append((table_grid(current), path + (id(current),)))
                continue
            here = path + (id(current),)
            stack.append((current, path, True))
            for child in reversed(current.children):
                stack.append((child, here, False))

    def flush(self) -> None:
        text = tidy(_SPACE.sub(" ", "".join(self._buffer)))
        if text:
            self.items.append((text, self._path))
        self._buffer, self._path = [], ()


def _elements(node: Node, tag: str):
    """Descendant elements named ``tag``, not looking inside nested tables."""
    stack = list(reversed(node.children))
    while stack:
        child = stack.pop()
        if isinstance(child, str):
            continue
        if child.tag == tag:
            yield child
        if child.tag == "table":
            continue
        stack.extend(reversed(child.children))


def is_data_table(table: Node) -> bool:
    """A table of data, not one laying out the page: no table inside it, and more than one column."""
    if next(_elements(table, "table"), None) is not None:
        return False
    return any(sum(1 for _ in _row_cells(tr)) > 1 for tr in _elements(table, "tr"))


def _row_cells(tr: Node):
    for child in tr.children:
        if isinstance(child, Node) and child.tag in ("td", "th"):
            yield child


def _span(cell: Node, name: str) -> int:
    match = re.match(r"\s*([0-9]{1,6})", cell.attrs.get(name, ""))   # bounded: clamped to MAX_SPAN anyway
    return int(match.group(1)) if match else 1


def cell_text(cell: Node) -> str:
    flow = _Flow()
    flow.walk(cell)
    flow.flush()
    return "\n".join(str(text) for text, _ in flow.items if isinstance(text, str))


def table_grid(table: Node) -> grids.Grid:
    rows = [[(cell_text(c), _span(c, "rowspan"), _span(c, "colspan")) for c in _row_cells(tr)]
            for tr in _elements(table, "tr")]
    return grids.expand([row for row in rows if row])


# ---------------------------------------------------------------- the report

def read(data: bytes) -> ImportResult:
    record = Record()
    builder = _TreeBuilder()
    try:
        builder.feed(decode(data))
        builder.close()
    except (AssertionError, ValueError, RecursionError):
        raise SourceError("网页文件已损坏，无法解析") from None
    own = _own_report(builder.root)
    flow = _Flow()
    flow.walk(own or builder.root)
    flow.flush()
    outline = Outline()
    if own is not None:
        items, outline.agency = _own_items(own, flow.items)
    else:
        items = _report_items(flow.items, tidy(_SPACE.sub(" ", builder.title)), record)
    for item in items:
        if isinstance(item, str):
            outline.paragraph(item)
        else:
            outline.grid(item)  # type: ignore[arg-type]  # a table's grid of cells
    record.info("按本程序导出的网页读取" if own is not None else "按网页（HTML）读取")
    return finish(outline, record, "html", own_export=own is not None)


def _report_items(items: list[tuple[object, tuple[int, ...]]], page_title: str, record: Record) -> list[object]:
    """The items of the report itself: those inside the innermost element holding its section titles,
    preceded by the report's title when it stands outside that element."""
    titles, start = [], 0
    for index, (item, _path) in enumerate(items):
        if isinstance(item, str):
            found = section_title(item, start)
            if found is not None:
                titles.append(index)
                start = found[0] + 1
    if len(titles) < 2:
        return [item for item, _ in items]
    first, last = items[titles[0]][1], items[titles[-1]][1]
    common = 0
    while common < min(len(first), len(last)) and first[common] == last[common]:
        common += 1
    scope = first[:common]
    inside = [i for i, (_, path) in enumerate(items) if path[:common] == scope]
    chosen = [items[i][0] for i in inside]
    before_first = [items[i][0] for i in inside if i < titles[0]]
    if not any(_title_like(t) for t in before_first):
        outside = [item for item, _ in items[:inside[0]] if _title_like(item)] if inside else []
        if outside:
            # the agency often stands on a line of its own above ("淮安市人民政府<br>2024年…")
            at = next(i for i in range(inside[0] - 1, -1, -1) if items[i][0] is outside[-1])
            above = items[at - 1][0] if at else None
            chosen[:0] = [above, outside[-1]] if _agency_like(above) else [outside[-1]]
        elif _title_like(page_title):
            chosen.insert(0, page_title)
    # the page's meta lines outside the report (标题：…, 发布机构：…) tell whose report it is when its title does not
    meta = [item for item, _ in items[:inside[0]] if isinstance(item, str)
            and identity.META.match(identity.compact(item))] if inside else []
    return meta + chosen


def _title_like(item: object) -> bool:
    """A paragraph that reads as a report's title (a page title with the site's name after it included)."""
    if not isinstance(item, str):
        return False
    words = identity.TITLE_WORDS.search(identity.compact(item))
    return words is not None and words.end() <= identity.MAX_TITLE


def _agency_like(item: object) -> bool:
    return isinstance(item, str) and identity.agency_like(item) and not re.search(r"[>＞]", item)


# ---------------------------------------------------------------- our own page

FORM_ATTRIBUTE = "data-gkbg-form"   # as exporters.html marks the report's element
_BLANK_PLACE = re.compile(r"^[\s\u3000_＿]*(年[\s\u3000_＿]*月[\s\u3000_＿]*日)?$")


def _own_report(root: Node) -> Node | None:
    """The element our export marks as the report (``data-gkbg-form``), also where a site's page holds it."""
    stack: list[Node | str] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Node) and node.tag not in HIDDEN:
            if FORM_ATTRIBUTE in node.attrs:
                return node
            stack.extend(reversed(node.children))
    return None


def _own_items(report: Node, items: list[tuple[object, tuple[int, ...]]]) -> tuple[list[object], str]:
    """The items of our page and its agency, read from where the page puts them: the title (``h1``: the
    agency over "{year}年政府信息公开工作年度报告") and the 落款 (the report's last element: agency over date).
    The 落款's agency line is the title's and is left out, as is a date left blank to be filled in.  The notice
    of a forced or draft export stands before the title, where the report's text has not begun, and its lines
    are never taken for an agency (``identity.DRAFT_MARK``)."""
    title = next(_elements(report, "h1"), None)
    title_lines = [item for item, path in items if title is not None and id(title) in path and isinstance(item, str)]
    agency = title_lines[0] if len(title_lines) == 2 and _title_like(title_lines[1]) else ""
    last = None
    for child in reversed(report.children):
        if isinstance(child, Node) and child is not title and any(id(child) in path for _, path in items):
            last = child
            break
    signature = [i for i, (_, path) in enumerate(items) if last is not None and last.tag == "div" and id(last) in path]
    dropped = set()
    if len(signature) == 2 and all(isinstance(items[i][0], str) for i in signature):
        dropped.add(signature[0])
        if _BLANK_PLACE.match(str(items[signature[1]][0])):
            dropped.add(signature[1])
    return [item for i, (item, _) in enumerate(items) if i not in dropped], agency
