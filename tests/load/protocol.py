"""A viewer's session over Streamlit's websocket protocol: what a browser asks for when it opens a link, and what it got.

A browser opening `http://host/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen` loads the frontend, opens
the websocket `/_stcore/stream` and sends one BackMsg: `rerun_script` with the page asked for by its url path
(`page_name`, no `page_script_hash`), the query string without its `?`, empty widget states and the browser's context
(logged server-side from Debian Chromium against Streamlit 1.67; the context's `url` is the page's address without the
query). The server then does all it does for that viewer: a new session, the full script run, every element serialised
and sent. Only the drawing is left out, which a real viewer's own computer does.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.apptest import read_card

# What a Dutch participant's browser reports (Chromium sends the zone's name and JavaScript's getTimezoneOffset()).
TIMEZONE, TIMEZONE_OFFSET, LOCALE = "Europe/Amsterdam", -60, "nl-NL"


@dataclass(frozen=True)
class Link:
    """A link as a browser asks for it: the page by its url path ("" is the default page) and the query string."""

    page_name: str
    query_string: str

    @classmethod
    def parse(cls, link: str) -> Link:
        parts = urlsplit(link)
        return cls(parts.path.strip("/"), parts.query)

    def __str__(self) -> str:
        return f"/{self.page_name}" + (f"?{self.query_string}" if self.query_string else "")


@dataclass
class Shown:
    """What one script run sent: its titles, key figures (label → value), charts, bytes and messages received."""

    titles: list[str] = field(default_factory=list)
    metrics: dict[str, str] = field(default_factory=dict)
    charts: int = 0
    bytes: int = 0
    messages: int = 0


def rerun_request(base_url: str, link: Link) -> bytes:
    """The BackMsg a browser sends when it opens `link` on the server at `base_url`."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    request = message.rerun_script
    request.query_string = link.query_string
    request.page_name = link.page_name
    request.widget_states.SetInParent()
    context = request.context_info
    context.timezone, context.timezone_offset, context.locale = TIMEZONE, TIMEZONE_OFFSET, LOCALE
    context.url = f"{base_url}/{link.page_name}"
    context.is_embedded, context.color_scheme = False, "light"
    return message.SerializeToString()


async def open_link(base_url: str, link: Link, timeout_s: float) -> Shown:
    """Open a new session on `link`, run the script once and read every message until the run has finished."""
    import websockets
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    shown = Shown()
    figure_cards = set()  # where the page put a key figure card (ui/layout.figure_card): its first child is the figure
    async with asyncio.timeout(timeout_s), websockets.connect(
        base_url.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=["streamlit"], origin=base_url, max_size=None,
    ) as socket:
        await socket.send(rerun_request(base_url, link))
        while True:
            raw = await socket.recv()
            shown.bytes += len(raw)
            shown.messages += 1
            message = ForwardMsg()
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
            where = tuple(message.metadata.delta_path)
            if kind == "delta" and message.delta.WhichOneof("type") == "add_block":
                if "-kpi_" in message.delta.add_block.id:
                    figure_cards.add(where)
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                element_kind = element.WhichOneof("type")
                if element_kind == "exception":
                    raise RuntimeError(f"exception: {element.exception.message[:200]}")
                if element_kind == "heading":
                    shown.titles.append(element.heading.body)
                elif element_kind == "metric":  # the floor app
                    shown.metrics[element.metric.label] = element.metric.body
                elif element_kind == "markdown" and where[:-1] in figure_cards and where[-1] == 0:
                    label, value, _, _ = read_card(element.markdown.body)
                    shown.metrics[label] = value
                elif element_kind == "plotly_chart":
                    shown.charts += 1
            elif kind == "page_not_found":
                raise RuntimeError(f"page not found: {message.page_not_found.page_name!r}")
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("script did not compile")
                if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return shown


@dataclass(frozen=True)
class Expected:
    """What a session must have shown to count as a page load: its title, key figures in order, at least so many charts."""

    title: str
    metrics: tuple[str, ...] | None = None  # None: any
    charts: int = 1

    def check(self, shown: Shown) -> None:
        """Raise when the run did not show the page the link asks for."""
        if self.title not in shown.titles:
            raise RuntimeError(f"wrong page: titles {shown.titles[:3]}, expected {self.title!r}")
        if self.metrics is not None and tuple(shown.metrics) != self.metrics:
            raise RuntimeError(f"wrong choice: key figures {list(shown.metrics)}, expected {list(self.metrics)}")
        if shown.charts < self.charts:
            raise RuntimeError(f"{shown.charts} charts, expected at least {self.charts}")
