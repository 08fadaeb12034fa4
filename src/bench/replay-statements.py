"""A PostgreSQL log slice written with log_statement = all -> a pgbench script: the statements of
each backend in the order it ran them, with the values of their parameters in place of $n.

    python3 src/bench/replay-statements.py SLICE.log > script.sql

src/bench/run uses it for the deep page's B2, whose parameter values (bucket numbers, the rows to
skip, the page's keys) depend on the project, so that no fixed script could hold them.
"""
import re
import sys

entries, entry = [], None
with open(sys.argv[1]) as log:
    for line in log.read().splitlines():
        if re.match(r'\d{4}-\d\d-\d\d ', line):
            entry = [line]
            entries.append(entry)
        elif entry is not None:
            entry.append(line)

by_backend = {}
for entry in entries:
    text = ' '.join(part.strip() for part in entry)
    match = re.match(r'.*? \[(\d+)\] (LOG|DETAIL):  (?:(?:execute [^:]*|statement): |parameters: )(.*)', text)
    if not match:
        continue
    backend, kind, body = match.groups()
    statements = by_backend.setdefault(backend, [])
    if kind == 'LOG':
        statements.append(body)
    elif statements:
        values = dict(re.findall(r"\$(\d+) = (NULL|'(?:[^']|'')*')", body))
        statements[-1] = re.sub(r'\$(\d+)(?!\d)', lambda number: values[number.group(1)], statements[-1])

for statements in by_backend.values():
    for statement in statements:
        print(statement.rstrip(';') + ';')
