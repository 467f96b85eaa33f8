"""Parses a GIFT file with pygiftparser (an independent GIFT parser from PyPI) and prints what it
found as JSON, for Lookout's GIFT export tests.

Usage: python gift_to_json.py FILE.gift

Output: [{"title", "category", "markup", "kind", "valid", "text", "answers": [{"text", "fraction",
"feedback"}]}]. Texts are unescaped the way Moodle reads them: backslash escapes of ~ = # { } : and
the backslash itself give the character, and \\n gives a line break.
"""
import json
import sys

from pygiftparser import parser


def unescape(text):
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            out.append("\n" if n == "n" else n)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


FORMATS = ("[plain]", "[html]", "[markdown]", "[moodle]")


def text_format(text):
    """Moodle's parse_text_with_format: a leading [format] tag picks the text's format and is removed
    (one tag only). Returns (format or "", text)."""
    stripped = text.lstrip()
    for tag in FORMATS:
        if stripped.startswith(tag):
            return tag[1:-1], stripped[len(tag):]
    return "", text


def main(path):
    with open(path, encoding="utf-8") as f:
        questions = parser.parseFile(f)
    result = []
    for q in questions:
        answers = []
        for a in getattr(q.answers, "answers", []) or []:
            answer_format, answer_text = text_format(a.answer.strip())
            feedback_format, feedback_text = text_format(a.feedback or "")
            answers.append({
                "text": unescape(answer_text),
                "format": answer_format,
                "fraction": a.fraction,
                "feedback": unescape(feedback_text),
                "feedbackFormat": feedback_format,
                "select": bool(getattr(a, "select", False)),
            })
        result.append({
            "title": unescape(q.title),
            "category": q.cat,
            "markup": getattr(q, "markup", ""),
            "kind": type(q.answers).__name__,
            "valid": bool(q.valid),
            # pygiftparser turns the \n escape into a line break already; undo nothing else twice.
            "text": unescape(q.text.replace("\n", "\\n")),
            "answers": answers,
        })
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
