#ifndef LOOKOUT_NCURSES_SHIM_H
#define LOOKOUT_NCURSES_SHIM_H
/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE flags, so ask for the wide-character API here. */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <termios.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Accessors for what Swift 6 cannot import: mutable C globals and function-like or composite macros. */

static inline WINDOW *lookout_stdscr(void) { return stdscr; }
static inline int lookout_colors(void) { return COLORS; }
static inline int lookout_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t lookout_a_normal(void) { return A_NORMAL; }
static inline attr_t lookout_a_bold(void) { return A_BOLD; }
static inline attr_t lookout_a_reverse(void) { return A_REVERSE; }
static inline attr_t lookout_a_underline(void) { return A_UNDERLINE; }
static inline attr_t lookout_a_dim(void) { return A_DIM; }

static inline int lookout_key_f(int n) { return KEY_F(n); }

/* The locale's character set, e.g. "UTF-8" or "ANSI_X3.4-1968". */
static inline const char *lookout_codeset(void) { return nl_langinfo(CODESET); }

/* glibc's wcwidth, which Swift's Glibc module does not export; used only to cross-check. */
extern int wcwidth(wchar_t c);

/* newterm on the process's own stdout and stdin (the FILE globals are not importable into Swift 6).
   Unlike initscr, newterm returns NULL instead of exiting when the terminal cannot be used. */
static inline SCREEN *lookout_newterm(void) { return newterm(NULL, stdout, stdin); }

/* Looks a terminal type up in terminfo without printing anything or exiting:
   0 if it is unknown, 1 if it is known but cannot address the cursor ("cup"), 2 if it can draw a screen. */
static inline int lookout_terminal_kind(const char *term) {
    int err = 0;
    if (setupterm((char *)term, STDOUT_FILENO, &err) != OK) return 0;
    char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (char *)-1;
    del_curterm(cur_term);
    return usable ? 2 : 1;
}

/* ---- Signals ----
   SIGINT, SIGTERM and SIGHUP only set a flag (no SA_RESTART, so a blocking read returns early); the program polls
   it between key reads, saves, and calls endwin. */

static volatile sig_atomic_t lookout_pending_signal = 0;

static void lookout_on_signal(int sig) { lookout_pending_signal = sig; }

static inline int lookout_install_signal_flags(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = lookout_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART */
    if (sigaction(SIGINT, &sa, NULL) != 0) return -1;
    if (sigaction(SIGTERM, &sa, NULL) != 0) return -1;
    if (sigaction(SIGHUP, &sa, NULL) != 0) return -1;
    return 0;
}

/* The width probe's signal handlers: the same flag handlers (no SA_RESTART, so its poll returns at once),
   installed before the probe changes the terminal modes, and the previous handlers put back after it has
   restored them. A Ctrl-C during the probe thus never leaves the terminal without echo. */
static struct sigaction lookout_probe_previous_int = {0};
static struct sigaction lookout_probe_previous_term = {0};
static struct sigaction lookout_probe_previous_hup = {0};
static int lookout_probe_installed = 0;

static inline int lookout_probe_signals_begin(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = lookout_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    if (sigaction(SIGINT, &sa, &lookout_probe_previous_int) != 0) return -1;
    if (sigaction(SIGTERM, &sa, &lookout_probe_previous_term) != 0) return -1;
    if (sigaction(SIGHUP, &sa, &lookout_probe_previous_hup) != 0) return -1;
    lookout_probe_installed = 1;
    return 0;
}

static inline void lookout_probe_signals_end(void) {
    if (!lookout_probe_installed) return;
    sigaction(SIGINT, &lookout_probe_previous_int, NULL);
    sigaction(SIGTERM, &lookout_probe_previous_term, NULL);
    sigaction(SIGHUP, &lookout_probe_previous_hup, NULL);
    lookout_probe_installed = 0;
}

/* The signal received since the last call (0 if none), cleared. */
static inline int lookout_take_signal(void) {
    int sig = lookout_pending_signal;
    lookout_pending_signal = 0;
    return sig;
}

static inline int lookout_peek_signal(void) { return lookout_pending_signal; }

/* ---- Crash restore ----
   If the program dies on a fatal signal (a Swift trap is SIGILL or SIGTRAP) while the screen is set up, put the tty
   modes back and send the terminal's own exit sequences (rmcup, cnorm, sgr0), saved at start, then die as before.
   Only async-signal-safe calls. */

static struct termios lookout_saved_termios = {0};
static int lookout_have_saved_termios = 0;
static char lookout_restore_sequence[256] = {0};
static size_t lookout_restore_length = 0;

static void lookout_on_fatal(int sig) {
    if (lookout_have_saved_termios) tcsetattr(STDIN_FILENO, TCSANOW, &lookout_saved_termios);
    if (lookout_restore_length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, lookout_restore_sequence, lookout_restore_length);
        (void)ignored;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline void lookout_append_restore(const char *capability) {
    char *s = tigetstr((char *)capability);
    if (s == NULL || s == (char *)-1) return;
    size_t n = strlen(s);
    if (lookout_restore_length + n >= sizeof lookout_restore_sequence) return;
    memcpy(lookout_restore_sequence + lookout_restore_length, s, n);
    lookout_restore_length += n;
}

/* Call after newterm: saves the exit sequences of the current terminal and installs the fatal-signal handlers.
   The tty modes saved are the ones from before newterm (see lookout_save_termios). */
static inline void lookout_install_crash_restore(void) {
    lookout_restore_length = 0;
    lookout_append_restore("rmcup");
    lookout_append_restore("cnorm");
    lookout_append_restore("sgr0");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = lookout_on_fatal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
}

/* Saves the tty modes before curses changes them. */
static inline void lookout_save_termios(void) {
    lookout_have_saved_termios = tcgetattr(STDIN_FILENO, &lookout_saved_termios) == 0;
}

/* After a normal endwin the crash handlers have nothing to restore. */
static inline void lookout_disarm_crash_restore(void) {
    lookout_restore_length = 0;
    lookout_have_saved_termios = 0;
}

#endif
