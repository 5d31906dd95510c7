#!/usr/bin/env python3
"""html_vs_pdf.py BLOCKS.txt PDF.txt - every number of the web page is
the PDF's, block by block and in order, and every word is a word of the
PDF.

BLOCKS.txt holds the visible text of each block of the page, one a line
(tests/browser/check.js writes it; hidden helper text, the charts' data
tables and the SVG are left out). PDF.txt is pdftotext's text of the
PDF of the same edition. The numbers of each block must appear, in the
same way, in the PDF's text after where the block before began (within
a block the PDF's text may come in another order: pdftotext reads a
table by its drawing order), each of the PDF's numbers standing for one
of the page's. The PDF may hold more (page numbers, running headers,
contents page numbers, chart axis labels), never other ones.
Prints one TAP line; exit 1 on a mismatch, naming the block."""
import re
import sys

WORD = re.compile(r"[^\W\d_]{2,}")
NUM = re.compile(r"(?<![\w.\/=])[\u2212+-]?£?\d[\d,]*(?:\.\d+)?(?:%|pp|bn|m)?")


def numbers(text):
    return [m.group(0).rstrip(",") for m in NUM.finditer(text)]


def main():
    blocks = open(sys.argv[1], encoding="utf-8").read().splitlines()
    pdf = numbers(open(sys.argv[2], encoding="utf-8").read())
    used = [False] * len(pdf)
    at = 0
    total = 0
    for line in blocks:
        first = None
        for n in numbers(line):
            total += 1
            i = at
            while i < len(pdf) and (used[i] or pdf[i] != n):
                i += 1
            if i == len(pdf):
                print("not ok - the page's numbers are the PDF's: %r of "
                      "block %r is not in the PDF after the blocks "
                      "before it" % (n, line[:120]))
                return 1
            used[i] = True
            first = i if first is None else min(first, i)
        if first is not None:
            at = first
    # and its words: every word of the page's blocks is a word of the PDF
    words = set(WORD.findall(open(sys.argv[2], encoding="utf-8").read()))
    for line in blocks:
        # a web address may break anywhere in the PDF: not words
        for w in WORD.findall(re.sub(r"https?://\S+", " ", line)):
            if w not in words:
                print("not ok - the page's words are the PDF's: %r of "
                      "block %r is not in the PDF" % (w, line[:120]))
                return 1
    if total < 20:
        print("not ok - the page's numbers are the PDF's (only %d "
              "numbers found)" % total)
        return 1
    print("ok - the page's %d numbers are the PDF's, block by block, "
          "and its words are the PDF's" % total)
    return 0


sys.exit(main())
