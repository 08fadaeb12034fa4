-- W3 mix: one random job is deleted.
DELETE FROM job WHERE uuid = (SELECT uuid FROM job WHERE uuid >= gen_random_uuid() ORDER BY uuid LIMIT 1);
