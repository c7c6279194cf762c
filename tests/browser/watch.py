"""Watching a browser page for signs that text was obeyed as code: dialogs, page errors, blocked
inline code, requests to another host, and elements that only an injection would create."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import expect

PAGES = ["", "Before_and_after", "Timeline", "Organisations", "Sources", "?briefing=1"]
READY = {
    "": 'iframe[title="streamlit_folium.st_folium"]',
    "Before_and_after": "iframe",
    "Timeline": '[data-testid="stVegaLiteChart"]',
    "Organisations": '[data-testid="stGraphVizChart"] svg g.node',
    "Sources": '[data-testid="stDataFrame"]',
    "?briefing=1": "iframe",
}

# Run in every frame: what an obeyed payload would leave in the document.
INJECTED = r"""() => {
  const found = [];
  const say = (el, why) => found.push(`${why}: <${el.tagName.toLowerCase()}> ${(el.outerHTML || '').slice(0, 120)}`);
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const a of el.attributes) {
      const name = a.name.toLowerCase(), value = a.value.trim().toLowerCase();
      if (name.startsWith('on')) say(el, `event handler ${name}`);
      if (['href', 'src', 'xlink:href', 'action', 'formaction', 'data'].includes(name)) {
        if (value.startsWith('javascript:') || value.startsWith('data:text/html')) say(el, `${name} runs code`);
        if (value.includes('evil.example')) say(el, `${name} points outside`);
      }
      if (name === 'style' && value.includes('evil.example')) say(el, 'style points outside');
      if (name === 'srcdoc' && value.startsWith('<script>alert')) say(el, 'srcdoc runs code');
    }
    if (tag === 'base') say(el, 'base element');
    if (tag === 'meta' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh') say(el, 'refresh');
    if (tag === 'script' && el.textContent.trim().startsWith('alert(')) say(el, 'injected script');
    if (tag === 'style' && el.textContent.includes('evil.example')) say(el, 'injected style');
    if (el.classList.contains('katex')) say(el, 'LaTeX rendered');
    if (el.children.length === 0 && /^h\d\d[a-z]?$/.test(el.textContent.trim())) say(el, 'markup obeyed');
  }
  const text = document.body ? document.body.textContent : '';
  for (const evaluated of ['h41j', 'h42j']) {
    if (text.includes(evaluated)) found.push(`template evaluated: ${evaluated}`);
  }
  return found;
}"""

MARKERS = ".leaflet-marker-pane .ba-marker, .leaflet-marker-pane .ba-landmark"
# Open every marker's tooltip and popup in turn, as a pointer would, and read each popup's heading.
OPEN_POPUPS = r"""() => {
  const seen = {};
  for (const icon of document.querySelectorAll('.leaflet-marker-pane .ba-marker, .leaflet-marker-pane .ba-landmark')) {
    const id = [...icon.classList].find(c => c.startsWith('ba-') && !['ba-marker', 'ba-landmark'].includes(c));
    const target = icon.querySelector('.ba-sym') || icon;
    target.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
    target.dispatchEvent(new MouseEvent('click', {bubbles: true}));
    const headings = document.querySelectorAll('.leaflet-popup-content .ba-popup h3');
    seen[id.slice(3)] = headings.length ? headings[headings.length - 1].textContent : null;
    target.dispatchEvent(new MouseEvent('mouseout', {bubbles: true}));
  }
  return seen;
}"""


@dataclass
class Watch:
    """What a page did that it should not: collected from the moment :meth:`on` is called."""

    allowed_hosts: set[str]
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    injected: list[str] = field(default_factory=list)

    def on(self, page) -> Watch:
        def dialog(d):
            self.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda m: self.refused.append(m.text) if m.type == "error" and "Refused to" in m.text
                else None)
        page.on("request", self._request)
        return self

    def _request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("file", "data", "blob", "about"):
            return
        if url.netloc not in self.allowed_hosts:
            self.outside.append(request.url)

    def inspect(self, page, where: str) -> None:
        """Look in every frame of the page for what an injection would leave."""
        for frame in page.frames:
            try:
                self.injected += [f"{where} ({frame.url[:60]}): {item}" for item in frame.evaluate(INJECTED)]
            except Exception as error:  # a frame that navigated away while being read
                if "detached" not in str(error) and "destroyed" not in str(error):
                    raise

    def problems(self) -> str:
        """Everything seen, one line each; "" when the page behaved."""
        found = {"dialog": self.dialogs, "page error": self.errors, "blocked inline code": self.refused,
                 "request to another host": self.outside, "injected": self.injected}
        return "\n".join(f"{kind}: {item}" for kind, items in found.items() for item in dict.fromkeys(items))


# Charts and graphs that a page has but did not draw (Vega and Graphviz fail in the browser).
UNDRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"], [data-testid="stGraphVizChart"]')]
  .filter(chart => !chart.querySelector('svg, canvas')).map(chart => chart.dataset.testid)"""


def settle(page, path: str) -> None:
    """Wait until the page has run and drawn what it draws."""
    expect(page.locator('[data-testid="stApp"]')).to_be_visible(timeout=60_000)
    expect(page.locator(READY[path]).first).to_be_attached(timeout=60_000)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=60_000)
    page.wait_for_timeout(1500)


def undrawn(page) -> list[str]:
    return page.evaluate(UNDRAWN)


def map_frame(page):
    """The first map inside the streamlit-folium iframe, once its markers are drawn."""
    for _ in range(100):
        for frame in page.frames:
            if frame != page.main_frame and frame.query_selector(".leaflet-marker-pane .ba-marker"):
                return frame
        page.wait_for_timeout(300)
    raise AssertionError("no map with markers on the page")


def open_popups(frame) -> dict[str, str | None]:
    """Every marker's popup heading, by place id."""
    return frame.evaluate(OPEN_POPUPS)
