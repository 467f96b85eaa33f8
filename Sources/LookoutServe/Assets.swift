/// The stylesheet and the small script Lookout serves itself (the CSP allows nothing from elsewhere, and nothing
/// inline). Fonts come from the system: a Khmer stack for Khmer, set larger than Latin.
enum Assets {
    static let css = """
        :root { color-scheme: light; }
        html { font-size: 100%; }
        body { margin: 0; font-family: system-ui, "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 1.05rem;
               line-height: 1.55; color: #111; background: #fff; }
        :lang(km) { font-family: "Noto Sans Khmer", "Khmer OS", "Khmer OS System", "Leelawadee UI", sans-serif; }
        html[lang="km"] body { font-size: 1.3rem; line-height: 1.9; }
        html[lang="km"] [lang="en"] { font-size: 0.82em; line-height: 1.55; }
        html[lang="en"] [lang="km"] { font-size: 1.22em; line-height: 1.9; }
        main { max-width: 42rem; margin: 0 auto; padding: 0.5rem 1rem 3rem; }
        .bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem;
               padding: 0.4rem 1rem; background: #f1f1f1; border-bottom: 1px solid #ccc; }
        .bar nav a { margin-left: 0.8rem; }
        a.quick-exit { display: inline-block; padding: 0.45rem 1rem; background: #b00020; color: #fff; font-weight: bold;
                       text-decoration: none; border-radius: 0.3rem; }
        a.quick-exit:focus, a.quick-exit:hover { background: #7a0016; outline: 3px solid #000; }
        h1 { font-size: 1.5em; line-height: 1.3; }
        h2 { font-size: 1.2em; }
        form.inline { display: inline; }
        button, a.choice { font: inherit; display: inline-block; margin: 0.2rem 0; padding: 0.5rem 1rem; border: 1px solid #555;
                           border-radius: 0.3rem; background: #fafafa; color: #111; text-decoration: none; cursor: pointer; }
        button.primary { background: #0b4f8a; color: #fff; border-color: #0b4f8a; }
        button:focus, a.choice:focus { outline: 3px solid #f0a000; }
        ul.choices, ul.lessons { list-style: none; padding: 0; }
        ul.choices li { margin: 0.3rem 0; }
        ul.lessons li { border-top: 1px solid #ddd; padding: 0.4rem 0; }
        input[type="text"], input[type="password"] { font: inherit; padding: 0.4rem; width: 100%; max-width: 20rem; box-sizing: border-box; }
        fieldset { border: 1px solid #999; border-radius: 0.3rem; margin: 1rem 0; }
        legend { font-weight: bold; padding: 0 0.3rem; }
        .option { margin: 0.5rem 0; display: flex; gap: 0.5rem; align-items: flex-start; }
        .option input { width: 1.3rem; height: 1.3rem; flex: none; margin-top: 0.25rem; }
        .notice { border-left: 4px solid #b00020; background: #fff2f2; padding: 0.4rem 0.7rem; }
        .draft, .note, .hint { color: #444; font-size: 0.92em; }
        .content-note { border: 1px solid #000; padding: 0.5rem 0.8rem; }
        .story p { margin: 0.6rem 0; }
        ul.feedback li { margin: 0.6rem 0; }
        ul.feedback li.right strong { color: #1b5e20; }
        ul.feedback li.wrong strong { color: #b00020; }
        .why, .sign { display: block; font-size: 0.95em; margin-top: 0.2rem; }
        .unverified .warning, .warning { color: #b00020; }
        .number { font-weight: bold; }
        pre.report { font-family: "DejaVu Sans Mono", monospace; font-size: 0.8rem; overflow-x: auto; }
        .projector pre.report { font-size: 1.6rem; }
        .projector h1 { font-size: 2.4rem; }
        .row { margin: 0.6rem 0; }
        .leave { margin-top: 2rem; }
        @media (max-width: 420px) { main { padding: 0.3rem 0.6rem 2rem; } }
        """

    /// Optional: Esc twice (or the quick-exit link) replaces the page with the neutral one (`location.replace`, so
    /// Back does not return to it); a page restored from the back-forward cache is loaded again.
    static let script = """
        (function () {
          "use strict";
          var lastEscape = 0;
          function leave() { window.location.replace("/exit"); }
          document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" || event.key === "Esc") {
              var now = Date.now();
              if (now - lastEscape < 800) { leave(); }
              lastEscape = now;
            }
          });
          document.addEventListener("click", function (event) {
            var target = event.target;
            if (target && target.closest && target.closest("#quick-exit")) { event.preventDefault(); leave(); }
          });
          window.addEventListener("pageshow", function (event) { if (event.persisted) { window.location.reload(); } });
        })();
        """
}
