-- W3 mix: the status of one random job changes (a runner claiming, finishing, ...).
\set s random(1, 7)
UPDATE job SET status = (ARRAY['pending', 'claimed', 'running', 'completed', 'processed', 'failed', 'canceled'])[:s],
               modified = now()
WHERE uuid = (SELECT uuid FROM job WHERE uuid >= gen_random_uuid() ORDER BY uuid LIMIT 1);
