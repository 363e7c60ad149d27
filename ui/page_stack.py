"""The main window's pages, each built the first time it is needed (the window shows after one).

Building all eleven pages before the window appears cost about half a second after the password;
now the first page is built, the window shows, and the others are built one per turn of the event
loop behind it (or at once when asked for: a key, a click, another page's request).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from ui.context import UiContext

PageFactory = Callable[[UiContext], QWidget]


def page_name(factory: PageFactory) -> str:
    return str(getattr(factory, "__name__", type(factory).__name__))


class PageStack(QStackedWidget):
    """A stacked widget of pages made by ``factories``; a placeholder stands in until a page is built."""

    page_built = Signal(str)
    all_built = Signal()

    def __init__(self, ui: UiContext, factories: Sequence[PageFactory]) -> None:
        super().__init__()
        self.setObjectName("pages")
        self.ui = ui
        self.factories = list(factories)
        self.names = [page_name(f) for f in self.factories]
        self.built: dict[str, QWidget] = {}
        for name in self.names:
            placeholder = QWidget()
            placeholder.setObjectName(f"placeholder_{name}")
            self.addWidget(placeholder)
        self._background = QTimer(self, singleShot=True, interval=0)
        self._background.timeout.connect(self._build_next)

    def index_of(self, name: str) -> int:
        return self.names.index(name)

    def page_at(self, index: int) -> QWidget:
        """The page at ``index``, built now if it was not yet."""
        name = self.names[index]
        page = self.built.get(name)
        if page is not None:
            return page
        page = self.factories[index](self.ui)
        # A page made apart from the window may have set a focus child of its own; carried into the
        # window it would take the focus from the field the officer is typing in.
        inner = page.focusWidget()
        if inner is not None:
            inner.clearFocus()
        placeholder = self.widget(index)
        current = self.currentIndex()
        self.insertWidget(index, page)
        self.removeWidget(placeholder)
        placeholder.deleteLater()
        if current == index:
            self.setCurrentIndex(index)
        self.built[name] = page
        self.page_built.emit(name)
        if len(self.built) == len(self.names):
            self.all_built.emit()
        return page

    def build_in_background(self) -> None:
        """Build the remaining pages, one per turn of the event loop (typing is never held long)."""
        self._background.start()

    def _build_next(self) -> None:
        if not self.window().isVisible():
            return  # the window was closed (a hand-over, the end of the day): nothing more to build
        for index, name in enumerate(self.names):
            if name not in self.built:
                self.page_at(index)
                if len(self.built) < len(self.names):
                    self._background.start()
                return


class Pages(Mapping[str, QWidget]):
    """``window.pages["MemberPage"]``: the page by class name, built on first access."""

    def __init__(self, stack: PageStack) -> None:
        self.stack = stack

    def __getitem__(self, name: str) -> QWidget:
        if name not in self.stack.names:
            raise KeyError(name)
        return self.stack.page_at(self.stack.index_of(name))

    def __iter__(self) -> Iterator[str]:
        return iter(self.stack.names)

    def __len__(self) -> int:
        return len(self.stack.names)

    def is_built(self, name: str) -> bool:
        return name in self.stack.built
