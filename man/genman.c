/* Build step: writes the man pages from their templates (man/NAME.in) and the program's own
 * tables, so the pages cannot go stale: the global options and exit codes come from the text of
 * `kaoping --help` (cli_global_usage), every command's section from the command table
 * (cli_commands: the same summary and usage as `kaoping COMMAND --help`), the forms' fields and
 * choice sources from formspec_uses and formspec_sources.
 * Usage: kaoping_genman TEMPLATE OUT VERSION. A template line that is exactly @NAME@ is replaced
 * by the generated block; @VERSION@ anywhere in a line by VERSION. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "ui/formspec.h"

/* Writes n bytes of text escaped for roff. An option at the start of an indented line (the
 * --help layout: "  --db PATH    description") is set in bold up to the gap before its
 * description: two spaces, or the first non-ASCII byte. */
static void put_roff(FILE *out, const char *s, size_t n)
{
    size_t i = 0, bold_end = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (i > 0 && i < n && s[i] == '-') {
        bold_end = i;
        while (bold_end < n && (unsigned char)s[bold_end] < 0x80 &&
               !(s[bold_end] == ' ' && bold_end + 1 < n && s[bold_end + 1] == ' '))
            bold_end++;
        while (bold_end > i && s[bold_end - 1] == ' ')
            bold_end--;
    }
    if (n > 0 && (s[0] == '.' || s[0] == '\''))
        fputs("\\&", out); /* a leading dot would be read as a request */
    for (size_t k = 0; k < n; k++) {
        if (bold_end && k == i)
            fputs("\\fB", out);
        if (s[k] == '\\')
            fputs("\\e", out);
        else if (s[k] == '-')
            fputs("\\-", out); /* an ASCII minus, so options copy and search as typed */
        else
            fputc(s[k], out);
        if (bold_end && k + 1 == bold_end)
            fputs("\\fR", out);
    }
    fputc('\n', out);
}

/* Lines [from, to) of text as a no-fill block: --help's line breaks and alignment are kept
 * (groff does not break lines between Chinese characters, so filled text would overflow).
 * The block is indented 3 columns (under a .SS heading), not the page's 7: --help's lines are laid out for 80. */
static void put_block(FILE *out, const char *from, const char *to)
{
    fputs(".in 3n\n.nf\n", out);
    while (from < to) {
        const char *nl = memchr(from, '\n', (size_t)(to - from));
        const char *end = nl ? nl : to;
        put_roff(out, from, (size_t)(end - from));
        from = nl ? nl + 1 : to;
    }
    fputs(".fi\n.in\n", out);
}

/* The paragraph of the global usage that starts with head (up to the blank line after it);
 * with skip_head the heading line itself is left out. */
static bool global_paragraph(const char *head, bool skip_head, const char **from, const char **to)
{
    const char *p = strstr(cli_global_usage, head);
    if (!p)
        return false;
    const char *end = strstr(p, "\n\n");
    *to = end ? end + 1 : p + strlen(p);
    *from = skip_head ? strchr(p, '\n') + 1 : p;
    return *from <= *to;
}

static void put_commands(FILE *out)
{
    for (size_t i = 0; i < cli_command_count; i++) {
        const struct cli_command *c = cli_commands[i];
        fprintf(out, ".SS %s\n", c->name);
        put_roff(out, c->summary, strlen(c->summary));
        fputs(".PP\n", out);
        put_block(out, c->usage, c->usage + strlen(c->usage));
    }
}

static void put_form_uses(FILE *out)
{
    for (size_t i = 0; i < formspec_use_count; i++) {
        const struct formspec_use *u = &formspec_uses[i];
        fprintf(out, ".TP\n.B %s.form\n必需字段: ", u->form);
        put_roff(out, u->needed, strlen(u->needed));
        if (*u->optional) {
            fputs(".br\n可选字段: ", out);
            put_roff(out, u->optional, strlen(u->optional));
        }
    }
}

static void put_form_sources(FILE *out)
{
    for (size_t i = 0; i < formspec_source_count; i++) {
        fprintf(out, ".B %s\n", formspec_sources[i]);
        if (i + 1 < formspec_source_count)
            fputs(".br\n", out);
    }
}

/* Replaces a whole-line @NAME@; returns false for an unknown name. */
static bool put_generated(FILE *out, const char *name)
{
    const char *from, *to;
    if (strcmp(name, "@SYNOPSIS@") == 0 && global_paragraph("用法: ", false, &from, &to))
        put_block(out, from + strlen("用法: "), to);
    else if (strcmp(name, "@GLOBAL_OPTIONS@") == 0 && global_paragraph("全局选项:", true, &from, &to))
        put_block(out, from, to);
    else if (strcmp(name, "@EXIT_STATUS@") == 0 && global_paragraph("退出码:", false, &from, &to))
        put_block(out, from, to);
    else if (strcmp(name, "@COMMANDS@") == 0)
        put_commands(out);
    else if (strcmp(name, "@FORM_USES@") == 0)
        put_form_uses(out);
    else if (strcmp(name, "@FORM_SOURCES@") == 0)
        put_form_sources(out);
    else
        return false;
    return true;
}

/* Copies one template line, replacing @VERSION@. */
static void put_template_line(FILE *out, const char *line, const char *version)
{
    const char *v;
    while ((v = strstr(line, "@VERSION@"))) {
        fwrite(line, 1, (size_t)(v - line), out);
        fputs(version, out);
        line = v + strlen("@VERSION@");
    }
    fputs(line, out);
}

static int generate(FILE *in, FILE *out, const char *tpl, const char *version)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0, rc = 0;
    while (rc == 0 && (len = getline(&line, &cap, in)) >= 0) {
        lineno++;
        if (line[0] != '@') {
            put_template_line(out, line, version);
            continue;
        }
        line[strcspn(line, "\n")] = '\0';
        if (!put_generated(out, line)) {
            fprintf(stderr, "genman: %s:%d: unknown or missing block %s\n", tpl, lineno, line);
            rc = 1;
        }
    }
    free(line);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: kaoping_genman TEMPLATE OUT VERSION\n", stderr);
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    FILE *out = in ? fopen(tmp, "w") : NULL;
    if (!in || !out) {
        fprintf(stderr, "genman: %s: %s\n", in ? tmp : argv[1], strerror(errno));
        if (in)
            fclose(in);
        return 1;
    }
    int rc = generate(in, out, argv[1], argv[3]);
    fclose(in);
    if (fclose(out) != 0 || rc != 0 || rename(tmp, argv[2]) != 0) {
        remove(tmp);
        return 1;
    }
    return 0;
}
