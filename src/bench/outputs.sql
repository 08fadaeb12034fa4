-- An output on every terminal job of project :'slug' (the view scenario reads one of them).
INSERT INTO job_output (job_uuid, output)
SELECT uuid, jsonb_build_object('results', jsonb_build_array(jsonb_build_object(
           'exit_code', 1, 'stdout', repeat('benchmark line' || chr(10), 40),
           'output', jsonb_build_object('/output/results.json', '{"bench":{"latency":{"value":12.5}}}'))),
       'error', 'container exited with code 1')
FROM job
WHERE project_uuid = md5('project-' || :'slug')::uuid AND status IN ('completed', 'processed', 'failed', 'canceled');
