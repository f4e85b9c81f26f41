/* Temporary files that no folder names: a spill that lives only as long as the open file
 * (the import's parsed rows, a field pack's changeset), so nothing is left behind however
 * kaoping ends, a kill included. */
#ifndef KAOPING_IO_TEMPFILE_H
#define KAOPING_IO_TEMPFILE_H

/* A new empty file PREFIX-?????? (mkstemp, mode 0600), unlinked at once, open for reading
 * and writing: its descriptor, or -1 with errno set. *tried (when not NULL) receives the name
 * it was made under (malloc'd, also on failure), for messages. */
int tempfile_unlinked(const char *prefix, char **tried);

#endif
