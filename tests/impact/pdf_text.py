"""The text of a report as WeasyPrint lays it out, page by page, for tests that read what a PDF
says (its first page above all) without a PDF reader."""


def first_page_text(html: str) -> tuple[str, int]:
    """The first page's words, one space between each, and how many pages there are."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    def texts(box):
        if isinstance(box, boxes.TextBox):
            yield box.text
        for child in getattr(box, "children", []):
            yield from texts(child)

    document = HTML(string=html).render()
    return " ".join(" ".join(texts(document.pages[0]._page_box)).split()), len(document.pages)


def rendered_html(monkeypatch) -> list[str]:
    """The HTML each PDF in the test is made from, as the view hands it to WeasyPrint."""
    import weasyprint

    rendered = []
    real = weasyprint.HTML

    def keep(*args, **kwargs):
        rendered.append(kwargs["string"])
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", keep)
    return rendered
