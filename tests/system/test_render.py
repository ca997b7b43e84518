"""Rendering: pages are built in a per-thread arena that is dropped after each one.

Big pages (more than a thread keeps between renders) come out whole and escaped, pages
rendered after them are byte for byte what they were before, and pages rendered at the
same time on different threads never mix. The probe plugin's /probe/echo lists the
fields it was sent through the XSLT.
"""
import concurrent.futures
import html
import re
import urllib.parse

from crmtest import get, main, post, test, unique

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def echo(fields, query=""):
    body = urllib.parse.urlencode(fields)
    return post("/probe/echo" + query, body, headers=FORM)


def rows(page):
    """The (name, value) pairs the page lists, unescaped."""
    found = re.findall(r'<tr class="probe-field"><th>([^<]*)</th><td>([^<]*)</td></tr>', page)
    return [(html.unescape(n), html.unescape(v)) for n, v in found]


@test
def big_pages_come_out_whole_and_escaped():
    # About 1.5 MB of HTML: past the first arena chunk and past what a thread keeps.
    value = "<b>&amp; \"quoted\" 'single' Ёлка ☃ " * 100
    fields = [("f%03d" % i, "%d:%s" % (i, value)) for i in range(400)]
    for _ in range(3):
        r = echo(fields)
        assert r.status == 200, r.status
        assert len(r.body) > 1500000, len(r.body)
        assert int(r.header("Content-Length")) == len(r.body), "Content-Length matches the body"
        assert "<b>" not in r.text.split("<main", 1)[1], "user text is escaped"
        assert rows(r.text) == fields, "every field, in order, intact"
        assert r.text.rstrip().endswith("</html>"), "the page is complete"


@test
def small_pages_are_the_same_after_big_ones():
    small = get("/probe/echo?x=1")
    assert small.status == 200
    big = [("f%03d" % i, "x" * 3000) for i in range(300)]
    for _ in range(4):
        assert echo(big).status == 200
        again = get("/probe/echo?x=1")
        assert again.body == small.body, "a page renders to the same bytes every time"


@test
def pages_rendered_at_once_do_not_mix():
    marks = [unique("m") + "z" for _ in range(48)]  # "z": no mark is a prefix of another

    def one(i):
        # Sizes differ so that threads' arenas are at different points when they meet.
        fields = [("mark", marks[i])] + [("pad%d" % k, marks[i] * (1 + i % 7)) for k in range(i % 40)]
        r = echo(fields, "?n=%d" % i)
        return i, r

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        for i, r in pool.map(one, range(len(marks))):
            assert r.status == 200, (i, r.status)
            got = rows(r.text)
            assert got[0] == ("mark", marks[i]), (i, got[:1])
            others = [m for m in marks if m != marks[i] and m in r.text]
            assert not others, "page %d shows another request's data: %s" % (i, others[:3])


if __name__ == "__main__":
    main()
