-- W3 mix: one random job moves to a random project (possibly its own).
\set p random(1, 3)
UPDATE job SET project_uuid = md5('project-bench-w3-' || :p)::uuid, modified = now()
WHERE uuid = (SELECT uuid FROM job WHERE uuid >= gen_random_uuid() ORDER BY uuid LIMIT 1);
