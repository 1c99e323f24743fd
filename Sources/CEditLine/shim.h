#ifndef SOCKSHELL_EDITLINE_SHIM_H
#define SOCKSHELL_EDITLINE_SHIM_H

// Swift cannot call libedit's variadic el_set/el_get/history, nor touch stdin/stdout/stderr
// under Swift 6 concurrency checking: these non-variadic wrappers do both.
// <histedit.h> is libedit's native header; never <readline/readline.h> (see libedit-notes.md).
#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

typedef char *(*sockshell_prompt_fn)(EditLine *);
typedef unsigned char (*sockshell_command_fn)(EditLine *, int);
typedef int (*sockshell_getc_fn)(EditLine *, wchar_t *);

/// LC_CTYPE from the environment, so libedit reads and measures UTF-8 (without it, editing is
/// byte-wise and backspace over 한 leaves stray bytes). When that locale is not installed
/// (LANG=ko_KR.UTF-8 in a container that has only C.UTF-8, where setlocale fails and the C locale
/// stays) or is not UTF-8 (LANG unset or C), C.UTF-8 instead: the shell reads and writes UTF-8
/// whatever the locale says. Debian and glibc spell it C.UTF-8, some systems only C.utf8.
/// Returns the locale in use, NULL when none of them could be set.
static inline const char *sockshell_set_locale(void) {
    const char *chosen = setlocale(LC_CTYPE, "");
    if (chosen != NULL && strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return chosen;
    const char *fallback = setlocale(LC_CTYPE, "C.UTF-8");
    if (fallback == NULL) fallback = setlocale(LC_CTYPE, "C.utf8");
    return fallback != NULL ? fallback : chosen;
}

static inline EditLine *sockshell_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

static inline int sockshell_el_set_prompt(EditLine *el, sockshell_prompt_fn fn, char marker) {
    return el_set(el, EL_PROMPT_ESC, fn, marker);
}

static inline int sockshell_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int sockshell_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }

static inline int sockshell_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }

static inline int sockshell_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }

static inline void *sockshell_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

static inline int sockshell_el_add_function(EditLine *el, const char *name, const char *help, sockshell_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

static inline int sockshell_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}

static inline int sockshell_el_set_getc(EditLine *el, sockshell_getc_fn fn) { return el_set(el, EL_GETCFN, fn); }

static inline int sockshell_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }

/// Puts the terminal in libedit's editing mode (on = 1) or gives it back cooked (on = 0), for
/// Ctrl-Z at the prompt: the shell that runs `fg` gets a usable terminal meanwhile.
static inline int sockshell_el_prep_term(EditLine *el, int on) { return el_set(el, EL_PREP_TERM, on); }

/// The terminal's width in columns as libedit knows it.
static inline int sockshell_el_columns(EditLine *el) {
    int columns = 80;
    if (el_get(el, EL_GETTC, "co", &columns) != 0) return 80;
    return columns;
}

static inline History *sockshell_history_init(void) { return history_init(); }

static inline int sockshell_history_set_size(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

static inline int sockshell_history_set_unique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}

static inline int sockshell_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

static inline int sockshell_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}

static inline int sockshell_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}

/// Walks history oldest first: call with first = 1, then 0, until NULL.
static inline const char *sockshell_history_walk(History *h, int first) {
    HistEvent event;
    if (history(h, &event, first ? H_LAST : H_PREV) != 0) return NULL;
    return event.str;
}

#endif
