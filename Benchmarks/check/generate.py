#!/usr/bin/env python3
"""Write a synthetic, valid scenario bank of N scenarios (one file each) for benchmarks.

usage: generate.py N OUTDIR
"""
import os
import random
import sys

def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(42)
    os.makedirs(os.path.join(out, "scenarios"), exist_ok=True)
    indicators = [f"ind-{i:02d}" for i in range(30)]
    with open(os.path.join(out, "sources.txt"), "w") as f:
        for i in range(20):
            f.write(f"source: src-{i}\ntitle: Source number {i}\npublisher: Publisher {i}\nurl: https://example.org/{i}\nyear: 20{10 + i % 15}\n\n")
    with open(os.path.join(out, "taxonomy.txt"), "w") as f:
        for i, ind in enumerate(indicators):
            strength = ["strong", "medium", "weak"][i % 3] if i % 3 != 2 else "medium"
            f.write(f"indicator: {ind}\ncategory: work-living\ntitle: Indicator {i}\nstrength: {strength}\n"
                    f"audiences: police, school, hospitality\nsources: src-{i % 20}\nexplain:\n  | Explanation of indicator {i},\n  | over two lines.\n\n")
    words = "the a worker driver guest room night bus market border phone passport money job offer family cousin friend boss".split()
    for s in range(n):
        sid = f"gen-{s:05d}"
        trafficking = s % 4 != 0
        story = []
        for p in range(3):
            line = " ".join(rng.choice(words) for _ in range(14))
            story.append(f"  | {line.capitalize()}.\n  | {' '.join(rng.choice(words) for _ in range(12))}.")
        text = [f"scenario: {sid}\nrev: {1 + s % 3}\ntitle: Generated scenario {s}\naudiences: police, hospitality\n"
                f"region: any\nlanguage: en\ntrafficking: {'yes' if trafficking else 'no'}\nsources: src-{s % 20}, src-{(s + 7) % 20}\nstory:\n"
                + "\n  |\n".join(story) + "\n\nquestion: q1 multi\nask: Which details are warning signs? Select all that apply.\n"]
        for o in range(6):
            ind = indicators[(s + o) % 30]
            if trafficking and o < 3:
                text.append(f"[x] o{o + 1}: Option {o + 1} describing a detail of the scene in a sentence.\n    ind: {ind}\n    why: Feedback that explains why this detail is a sign.\n")
            else:
                text.append(f"[ ] o{o + 1}: Option {o + 1} describing an ordinary detail in a sentence.\n    near: {ind}\n    why: Feedback that explains why this is not a sign on its own.\n")
        text.append("\nquestion: q2 single\nask: What should you do?\n")
        acts = ["tell-supervisor", "unsafe-confront", "investigate-alone", "ignore"]
        for a, act in enumerate(acts):
            mark = "(*)" if a == 0 else "( )"
            text.append(f"{mark} a{a + 1}: Action {a + 1} described in one sentence.\n    act: {act}\n    why: Feedback about the risk or benefit of this action.\n")
        with open(os.path.join(out, "scenarios", f"{sid}.txt"), "w") as f:
            f.write("".join(text))
    with open(os.path.join(out, "lessons.txt"), "w") as f:
        for l in range(max(1, n // 10)):
            ids = ", ".join(f"gen-{(l * 10 + k) % n:05d}" for k in range(10))
            f.write(f"lesson: gen-lesson-{l}\ntitle: Lesson {l}\naudience: police\npass-mark: 80\nscenarios: {ids}\n\n")

if __name__ == "__main__":
    main()
