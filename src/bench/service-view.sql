-- B2 for S4: exactly the statement the service sends for one view request with {project} a slug,
-- by an authenticated caller (the output is read; the token grants no project role): Job.view as
-- Hibernate renders it. {project} in slug form leaves the UUID parameter null: a UUID no project has
-- stands in for it (pgbench cannot pass a null).
-- pgbench variables given by src/bench/run: :slug, :job.
-- src/bench/run checks at every run that this is the statement the service sends (log_statement).
select j1_0.uuid,j1_0.claimed,j1_0.completed,j1_0.created,j1_0.modified,j1_0.project_uuid,j1_0.runner_uuid,j1_0.spec_uuid,s1_0.uuid,s1_0.architecture,s1_0.archived,s1_0.cpu,s1_0.created,s1_0.disk,s1_0.fallback,s1_0.memory,s1_0.modified,s1_0.name,s1_0.network,s1_0.os,s1_0.sandbox,s1_0.slug,j1_0.started,j1_0.status,cast(jo1_0.output as varchar) from project p1_0 left join job j1_0 on j1_0.project_uuid=p1_0.uuid and j1_0.uuid=:job left join spec s1_0 on s1_0.uuid=j1_0.spec_uuid left join job_output jo1_0 on jo1_0.job_uuid=j1_0.uuid and true=true and j1_0.status in ('completed','processed','failed','canceled') where (p1_0.uuid='00000000-0000-0000-0000-000000000000'::uuid or p1_0.slug=:slug) and p1_0.deleted is null and (p1_0.visibility='public' or false=true or '{}'::uuid[]@>array[p1_0.organization_uuid] or '{}'::uuid[]@>array[p1_0.uuid]);
